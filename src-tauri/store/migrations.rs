//! The schema, as an ordered list of steps. Each step runs in its own transaction together
//! with the `user_version` that records it, so a vault is always at exactly one version.

use rusqlite::Connection;

use crate::error::{AppError, AppResult};

const STEPS: &[&str] = &[
    // 1: settings and customers with their contacts
    "CREATE TABLE settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        officer_name TEXT NOT NULL,
        processor_name TEXT NOT NULL,
        processor_address TEXT NOT NULL,
        processor_kvk_number TEXT NOT NULL,
        processor_privacy_contact TEXT NOT NULL,
        processor_email TEXT NOT NULL,
        auto_lock_minutes INTEGER NOT NULL
    );
    CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kvk_number TEXT NOT NULL,
        address TEXT NOT NULL,
        notice_language TEXT NOT NULL CHECK (notice_language IN ('nl', 'en')),
        service_start TEXT,
        service_end TEXT,
        search_text TEXT NOT NULL,
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX customers_kvk_number ON customers (kvk_number) WHERE kvk_number <> '';
    CREATE INDEX customers_name ON customers (name COLLATE NOCASE);
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        email TEXT NOT NULL,
        phone TEXT NOT NULL,
        designated_for_instructions INTEGER NOT NULL,
        receives_notices INTEGER NOT NULL
    );
    CREATE INDEX contacts_customer ON contacts (customer_id, position);",
    // 2: agreement templates with versions and terms, each customer's agreements, and the
    // export folder setting
    "ALTER TABLE settings ADD COLUMN export_folder TEXT NOT NULL DEFAULT '';
    CREATE TABLE template_versions (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL UNIQUE,
        version_date TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
        audit_notice_days INTEGER NOT NULL,
        objection_window_days INTEGER NOT NULL,
        liability_cap_eur INTEGER NOT NULL,
        first_notice_target_hours INTEGER NOT NULL,
        other_terms TEXT NOT NULL,
        text_json TEXT,
        source_name TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE agreements (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        template_version_id INTEGER NOT NULL REFERENCES template_versions (id),
        status TEXT NOT NULL CHECK (status IN ('draft', 'signed', 'superseded', 'ended')),
        signed_on TEXT,
        signed_by_name TEXT NOT NULL,
        signed_by_role TEXT NOT NULL,
        end_date TEXT,
        notes TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX agreements_customer ON agreements (customer_id, status);
    CREATE INDEX agreements_version ON agreements (template_version_id, status);
    -- At most one signed agreement per customer: signing a new one supersedes the old.
    CREATE UNIQUE INDEX agreements_one_signed ON agreements (customer_id) WHERE status = 'signed';",
    // 3: the services customers use, incidents with their facts per customer, breach notices
    // with their exact bytes and how they were sent
    "ALTER TABLE settings ADD COLUMN first_notice_target_hours INTEGER NOT NULL DEFAULT 24;
    CREATE TABLE customer_services (
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        name TEXT NOT NULL,
        PRIMARY KEY (customer_id, name)
    );
    CREATE INDEX customer_services_name ON customer_services (name COLLATE NOCASE);
    CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        sequence INTEGER NOT NULL,
        number TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('reported_internally', 'assessing',
            'customers_notified', 'follow_up', 'closed', 'not_a_breach')),
        not_a_breach_reason TEXT NOT NULL,
        discovered_at TEXT,
        facts_json TEXT NOT NULL,
        wizard_step INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (year, sequence)
    );
    CREATE INDEX incidents_discovered ON incidents (discovered_at);
    CREATE TABLE incident_status_changes (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        changed_by TEXT NOT NULL
    );
    CREATE INDEX incident_status_changes_incident ON incident_status_changes (incident_id, id);
    CREATE TABLE incident_customers (
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        overrides_json TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (incident_id, customer_id)
    );
    CREATE INDEX incident_customers_customer ON incident_customers (customer_id);
    CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        sequence INTEGER NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
        generated_at TEXT NOT NULL,
        generated_by TEXT NOT NULL,
        facts_json TEXT NOT NULL,
        pdf BLOB NOT NULL,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        UNIQUE (incident_id, customer_id, sequence)
    );
    CREATE INDEX notices_customer ON notices (customer_id);
    -- What was sent cannot change afterwards: a correction is a new notice (an update).
    CREATE TRIGGER notices_immutable BEFORE UPDATE ON notices
        BEGIN SELECT RAISE(ABORT, 'notices are immutable'); END;
    CREATE TRIGGER notices_kept BEFORE DELETE ON notices
        BEGIN SELECT RAISE(ABORT, 'notices are kept'); END;
    CREATE TABLE notice_deliveries (
        id INTEGER PRIMARY KEY,
        notice_id INTEGER NOT NULL REFERENCES notices (id),
        sent_at TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('email', 'post', 'portal', 'phone')),
        recipients TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL
    );
    CREATE INDEX notice_deliveries_notice ON notice_deliveries (notice_id, sent_at);",
    // 4: audits with their agreed measures, sub-processors with change announcements and
    // each customer's answer, and the notices about them with their sent log
    "CREATE TABLE audits (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        sequence INTEGER NOT NULL,
        number TEXT NOT NULL UNIQUE,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        received_at TEXT NOT NULL,
        requested_date TEXT NOT NULL,
        planned_date TEXT,
        auditor_firm TEXT NOT NULL,
        auditor_name TEXT NOT NULL,
        auditor_registered INTEGER NOT NULL,
        auditor_confidential INTEGER NOT NULL,
        information TEXT NOT NULL,
        locations TEXT NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('received', 'planned', 'in_progress',
            'findings_discussed', 'measures_agreed', 'closed')),
        findings TEXT NOT NULL,
        costs_cents INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (year, sequence)
    );
    CREATE INDEX audits_customer ON audits (customer_id);
    CREATE INDEX audits_status ON audits (status, planned_date);
    CREATE TABLE audit_measures (
        audit_id INTEGER NOT NULL REFERENCES audits (id),
        position INTEGER NOT NULL,
        description TEXT NOT NULL,
        owner TEXT NOT NULL CHECK (owner IN ('processor', 'customer', 'both')),
        due_date TEXT,
        done INTEGER NOT NULL,
        PRIMARY KEY (audit_id, position)
    );
    CREATE INDEX audit_measures_due ON audit_measures (done, due_date);
    CREATE TABLE sub_processors (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        activities TEXT NOT NULL,
        country TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        contract_reference TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX sub_processors_name ON sub_processors (name COLLATE NOCASE);
    CREATE TABLE sub_processor_announcements (
        id INTEGER PRIMARY KEY,
        sub_processor_id INTEGER NOT NULL REFERENCES sub_processors (id),
        kind TEXT NOT NULL CHECK (kind IN ('add', 'replace')),
        replaces_id INTEGER REFERENCES sub_processors (id),
        intended_start TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
    );
    CREATE INDEX sub_processor_announcements_sub ON sub_processor_announcements (sub_processor_id);
    -- The kinds are the codes of DocumentKind; a new kind of notice needs no migration.
    CREATE TABLE letters (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        subject_id INTEGER NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        version INTEGER NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
        generated_at TEXT NOT NULL,
        generated_by TEXT NOT NULL,
        facts_json TEXT NOT NULL,
        pdf BLOB NOT NULL,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        UNIQUE (kind, subject_id, customer_id, version)
    );
    CREATE INDEX letters_customer ON letters (customer_id);
    CREATE TRIGGER letters_immutable BEFORE UPDATE ON letters
        BEGIN SELECT RAISE(ABORT, 'notices are immutable'); END;
    CREATE TRIGGER letters_kept BEFORE DELETE ON letters
        BEGIN SELECT RAISE(ABORT, 'notices are kept'); END;
    CREATE TABLE letter_deliveries (
        id INTEGER PRIMARY KEY,
        letter_id INTEGER NOT NULL REFERENCES letters (id),
        sent_at TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('email', 'post', 'portal', 'phone')),
        recipients TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL
    );
    CREATE INDEX letter_deliveries_letter ON letter_deliveries (letter_id, sent_at);
    -- One row per customer the announcement went to: the window its agreement gave at the
    -- time, the notice, and the customer's answer with the officer's decision on an objection.
    CREATE TABLE announcement_customers (
        announcement_id INTEGER NOT NULL REFERENCES sub_processor_announcements (id),
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        window_days INTEGER NOT NULL,
        window_from_agreement INTEGER NOT NULL,
        letter_id INTEGER NOT NULL REFERENCES letters (id),
        response TEXT CHECK (response IN ('consented', 'objected')),
        response_at TEXT,
        reason TEXT NOT NULL DEFAULT '',
        decision TEXT CHECK (decision IN ('resolved', 'service_ends')),
        decided_at TEXT,
        decided_by TEXT,
        PRIMARY KEY (announcement_id, customer_id)
    );
    CREATE INDEX announcement_customers_customer ON announcement_customers (customer_id);",
    // 5: transfers outside the EEA that customers approved (art. 2.5)
    "CREATE TABLE transfers (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        sub_processor_id INTEGER REFERENCES sub_processors (id),
        recipient TEXT NOT NULL,
        country TEXT NOT NULL,
        mechanism TEXT NOT NULL CHECK (mechanism IN ('adequacy',
            'standard_contractual_clauses', 'binding_corporate_rules', 'other')),
        mechanism_detail TEXT NOT NULL,
        approved_on TEXT NOT NULL,
        reference TEXT NOT NULL,
        withdrawn_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX transfers_customer ON transfers (customer_id, sub_processor_id);",
    // 6: the end of a customer's service: erase or transfer, and when it was done
    "CREATE TABLE service_ends (
        customer_id INTEGER PRIMARY KEY REFERENCES customers (id),
        choice TEXT NOT NULL CHECK (choice IN ('erase', 'transfer')),
        transfer_what TEXT NOT NULL,
        requested_on TEXT,
        done_on TEXT,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );",
    // 7: instructions received from customers (art. 2.4), with a doubt and its resolution
    "CREATE TABLE instructions (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        received_at TEXT NOT NULL,
        contact_id INTEGER REFERENCES contacts (id),
        from_name TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('email', 'phone', 'post', 'other')),
        summary TEXT NOT NULL,
        attachment_reference TEXT NOT NULL,
        doubt INTEGER NOT NULL,
        doubt_reason TEXT NOT NULL,
        resolved_on TEXT,
        resolution TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX instructions_customer ON instructions (customer_id, received_at);
    CREATE INDEX instructions_open_doubts ON instructions (doubt, resolved_on);",
    // 8: the versions of each customer's security measures document (art. 4.2-4.3)
    "CREATE TABLE security_documents (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        version TEXT NOT NULL,
        document_date TEXT NOT NULL,
        summary TEXT NOT NULL,
        file_reference TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (customer_id, version)
    );",
    // 9: legal demands to disclose data (art. 3.2) with the customers they concern, and the
    // assistance given to customers (art. 7)
    "CREATE TABLE disclosure_requests (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        sequence INTEGER NOT NULL,
        number TEXT NOT NULL UNIQUE,
        authority TEXT NOT NULL,
        reference TEXT NOT NULL,
        received_at TEXT NOT NULL,
        respond_by TEXT,
        legal_basis TEXT NOT NULL,
        basis_verified INTEGER NOT NULL,
        requester TEXT NOT NULL,
        identity_verified INTEGER NOT NULL,
        verification TEXT NOT NULL,
        data_requested TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'disclosed', 'declined')),
        disclosed_at TEXT,
        disclosed_what TEXT NOT NULL,
        declined_reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (year, sequence)
    );
    CREATE TABLE disclosure_customers (
        request_id INTEGER NOT NULL REFERENCES disclosure_requests (id),
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        informed_at TEXT,
        legally_barred INTEGER NOT NULL,
        barred_reason TEXT NOT NULL,
        PRIMARY KEY (request_id, customer_id)
    );
    CREATE INDEX disclosure_customers_customer ON disclosure_customers (customer_id);
    -- Sending a disclosure notice is telling the customer: the first sending recorded sets
    -- when it was informed, unless a moment was recorded already. A trigger keeps this in the
    -- same statement as the sending, also when many sendings are recorded in one transaction.
    CREATE TRIGGER disclosure_informed_by_notice AFTER INSERT ON letter_deliveries
    BEGIN
        UPDATE disclosure_customers SET informed_at = NEW.sent_at
        WHERE informed_at IS NULL AND (request_id, customer_id) IN
            (SELECT subject_id, customer_id FROM letters
             WHERE id = NEW.letter_id AND kind = 'disclosure_notice');
    END;
    CREATE TABLE assistance (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        kind TEXT NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'portability',
            'restriction', 'objection', 'ap_investigation', 'complaint')),
        received_at TEXT NOT NULL,
        reference TEXT NOT NULL,
        summary TEXT NOT NULL,
        due_on TEXT,
        handled_on TEXT,
        hours_hundredths INTEGER,
        costs_cents INTEGER,
        invoiced_on TEXT,
        taken_over INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX assistance_customer ON assistance (customer_id, received_at);
    CREATE INDEX assistance_open ON assistance (handled_on, due_on);",
    // 10: notices are looked up by what they are about; the customer list sorts by the
    // latest change
    "CREATE INDEX letters_subject ON letters (subject_id, kind);
    CREATE INDEX customers_updated ON customers (updated_at);",
    // 11: the event log; its triggers are generated from the tables (store::events)
    "CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        customer_id INTEGER,
        incident_id INTEGER,
        action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
        before TEXT,
        after TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE INDEX events_entity ON events (entity, entity_id);
    CREATE INDEX events_customer ON events (customer_id) WHERE customer_id IS NOT NULL;
    CREATE INDEX events_incident ON events (incident_id) WHERE incident_id IS NOT NULL;
    ALTER TABLE settings ADD COLUMN backups_to_keep INTEGER NOT NULL DEFAULT 10;",
    // 12: a receipt of a sub-processor notice later than its sending, from which the
    // customer's objection window runs (art. 8.2); when a data subject asked the customer,
    // from which the customer's month runs (GDPR art. 12(3)), and where a due date comes from
    "ALTER TABLE announcement_customers ADD COLUMN notice_received_at TEXT;
    ALTER TABLE assistance ADD COLUMN subject_asked_on TEXT;
    ALTER TABLE assistance ADD COLUMN due_basis TEXT;",
    // 13: one kept-document design: the other notices' table becomes `documents` (their ids
    // kept), breach notices move into it after them with their sent log, byte for byte. The
    // move itself is not a change of what was said, so the log's triggers of the tables
    // involved are dropped first (opening the vault installs those of the new tables); the
    // entries already in the log stay as they are, and the chain with them.
    "DROP TRIGGER IF EXISTS event_log_letters_insert;
    DROP TRIGGER IF EXISTS event_log_letters_update;
    DROP TRIGGER IF EXISTS event_log_letters_delete;
    DROP TRIGGER IF EXISTS event_log_letter_deliveries_insert;
    DROP TRIGGER IF EXISTS event_log_letter_deliveries_update;
    DROP TRIGGER IF EXISTS event_log_letter_deliveries_delete;
    DROP TRIGGER IF EXISTS event_log_notices_insert;
    DROP TRIGGER IF EXISTS event_log_notices_update;
    DROP TRIGGER IF EXISTS event_log_notices_delete;
    DROP TRIGGER IF EXISTS event_log_notice_deliveries_insert;
    DROP TRIGGER IF EXISTS event_log_notice_deliveries_update;
    DROP TRIGGER IF EXISTS event_log_notice_deliveries_delete;
    DROP TRIGGER IF EXISTS event_log_announcement_customers_insert;
    DROP TRIGGER IF EXISTS event_log_announcement_customers_update;
    DROP TRIGGER IF EXISTS event_log_announcement_customers_delete;
    DROP TRIGGER letters_immutable;
    DROP TRIGGER letters_kept;
    DROP TRIGGER disclosure_informed_by_notice;
    DROP INDEX letters_customer;
    DROP INDEX letters_subject;
    DROP INDEX letter_deliveries_letter;
    ALTER TABLE letters RENAME TO documents;
    ALTER TABLE letter_deliveries RENAME TO document_deliveries;
    ALTER TABLE document_deliveries RENAME COLUMN letter_id TO document_id;
    ALTER TABLE announcement_customers RENAME COLUMN letter_id TO document_id;
    -- Set for a breach notice only (its subject), so the log files it under its incident.
    ALTER TABLE documents ADD COLUMN incident_id INTEGER REFERENCES incidents (id);
    CREATE TEMP TABLE moved_offset AS SELECT coalesce(max(id), 0) AS n FROM documents;
    INSERT INTO documents (id, kind, subject_id, customer_id, version, language, generated_at,
        generated_by, facts_json, pdf, sha256, file_name, incident_id)
    SELECT n.id + o.n, 'breach_notice', n.incident_id, n.customer_id, n.sequence, n.language,
        n.generated_at, n.generated_by, n.facts_json, n.pdf, n.sha256, n.file_name,
        n.incident_id
    FROM notices n, moved_offset o ORDER BY n.id;
    INSERT INTO document_deliveries (document_id, sent_at, method, recipients, recorded_at,
        recorded_by)
    SELECT d.notice_id + o.n, d.sent_at, d.method, d.recipients, d.recorded_at, d.recorded_by
    FROM notice_deliveries d, moved_offset o ORDER BY d.id;
    DROP TABLE moved_offset;
    DROP TABLE notice_deliveries;
    DROP TABLE notices;
    CREATE INDEX documents_customer ON documents (customer_id);
    CREATE INDEX documents_subject ON documents (subject_id, kind);
    CREATE INDEX document_deliveries_document ON document_deliveries (document_id, sent_at);
    -- What was sent cannot change afterwards: a correction is a new version.
    CREATE TRIGGER documents_immutable BEFORE UPDATE ON documents
        BEGIN SELECT RAISE(ABORT, 'notices are immutable'); END;
    CREATE TRIGGER documents_kept BEFORE DELETE ON documents
        BEGIN SELECT RAISE(ABORT, 'notices are kept'); END;
    CREATE TRIGGER document_deliveries_kept BEFORE DELETE ON document_deliveries
        BEGIN SELECT RAISE(ABORT, 'the sent log is kept'); END;
    CREATE TRIGGER disclosure_informed_by_notice AFTER INSERT ON document_deliveries
    BEGIN
        UPDATE disclosure_customers SET informed_at = NEW.sent_at
        WHERE informed_at IS NULL AND (request_id, customer_id) IN
            (SELECT subject_id, customer_id FROM documents
             WHERE id = NEW.document_id AND kind = 'disclosure_notice');
    END;",
    // 14: the e-mail subject line each document is issued with, for its e-mail draft. Documents
    // kept before have none (their draft takes the file name); a kept row never changes.
    "ALTER TABLE documents ADD COLUMN subject_line TEXT NOT NULL DEFAULT '';",
    // 15: the officer's covering texts for e-mailed documents; empty is the built-in text.
    "ALTER TABLE settings ADD COLUMN covering_text_nl TEXT NOT NULL DEFAULT '';
     ALTER TABLE settings ADD COLUMN covering_text_en TEXT NOT NULL DEFAULT '';",
    // 16: sending documents through the processor's mail server. The password is kept as
    // bytes, so the event log records only its length. Every attempt is kept: marked
    // 'sending' before the message leaves, 'accepted' or 'refused' after; one still
    // 'sending' when the vault opens becomes 'unknown' (domain::dispatch).
    "CREATE TABLE mail_server (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        host TEXT NOT NULL,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        security TEXT NOT NULL CHECK (security IN ('starttls', 'tls', 'none')),
        user_name TEXT NOT NULL,
        password BLOB
    );
    CREATE TABLE dispatches (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id),
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        message_id TEXT NOT NULL,
        recipients TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'accepted', 'refused', 'unknown')),
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL,
        finished_at TEXT,
        server_reply TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX dispatches_document ON dispatches (document_id, id);
    CREATE TRIGGER dispatches_kept BEFORE DELETE ON dispatches
        BEGIN SELECT RAISE(ABORT, 'the dispatch log is kept'); END;",
    // 17: every customer import: the file (name, SHA-256), what each column filled (the
    // mapping the next import starts from), and what it did. The customers it wrote are in
    // the event log like any change.
    "CREATE TABLE customer_imports (
        id INTEGER PRIMARY KEY,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        mapping TEXT NOT NULL,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        skipped INTEGER NOT NULL
    );",
    // 18: the file a template version was imported from, kept as it was (bytes and SHA-256)
    // so the officer can save it again; the event log records only its size.
    "ALTER TABLE template_versions ADD COLUMN source_file BLOB;
     ALTER TABLE template_versions ADD COLUMN source_sha256 TEXT NOT NULL DEFAULT '';",
    // 19: the categories of processing carried out for a customer, for its record of
    // processing (GDPR art. 30(2)(b)), as the officer wrote them; none means its services.
    "CREATE TABLE processing_categories (
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        name TEXT NOT NULL,
        PRIMARY KEY (customer_id, name)
    );",
    // 20: each sub-processor's agreement with us (art. 8.3): what it imposes, its own term for
    // notifying a breach, when to review it, and the file as it was added (the event log
    // records only its size).
    "CREATE TABLE sub_processing_agreements (
        sub_processor_id INTEGER PRIMARY KEY REFERENCES sub_processors (id),
        signed_on TEXT NOT NULL,
        reference TEXT NOT NULL,
        confidentiality INTEGER NOT NULL,
        breach_notification INTEGER NOT NULL,
        notice_hours INTEGER,
        security_measures INTEGER NOT NULL,
        review_on TEXT,
        file_name TEXT NOT NULL,
        file BLOB,
        file_sha256 TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );",
    // 21: per affected customer, what it did with our notices (for the breach register):
    // whether it reported to the AP, the AP's reference and the day, and when we recorded it.
    "ALTER TABLE incident_customers ADD COLUMN ap_reported TEXT NOT NULL DEFAULT 'unknown'
        CHECK (ap_reported IN ('yes', 'no', 'unknown'));
    ALTER TABLE incident_customers ADD COLUMN ap_reference TEXT NOT NULL DEFAULT '';
    ALTER TABLE incident_customers ADD COLUMN ap_reported_on TEXT;
    ALTER TABLE incident_customers ADD COLUMN follow_up_recorded_at TEXT;",
    // 22: when to review a customer's security measures next (art. 4.2).
    "ALTER TABLE security_documents ADD COLUMN review_on TEXT;",
    // 23: the dashboard asks for the reviews due soon, among ten thousand customers.
    "CREATE INDEX security_documents_review ON security_documents (review_on)
        WHERE review_on IS NOT NULL;",
    // 24: amendments (art. 10.2): a newer version announced to the customers on older ones,
    // where each customer stands, and the agreement an amendment moved a customer to. A row is
    // open until the customer moved, refused, or its agreement changed otherwise (closed_on);
    // the partial index holds only open rows, which is what every command and the dashboard
    // ask about.
    "CREATE TABLE amendments (
        id INTEGER PRIMARY KEY,
        template_version_id INTEGER NOT NULL REFERENCES template_versions (id),
        kind TEXT NOT NULL CHECK (kind IN ('by_consent', 'required_by_law')),
        effective_on TEXT NOT NULL,
        summary TEXT NOT NULL,
        reason TEXT NOT NULL,
        announced_at TEXT NOT NULL,
        announced_by TEXT NOT NULL
    );
    CREATE TABLE amendment_customers (
        amendment_id INTEGER NOT NULL REFERENCES amendments (id),
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        from_agreement_id INTEGER NOT NULL REFERENCES agreements (id),
        document_id INTEGER NOT NULL REFERENCES documents (id),
        consented INTEGER CHECK (consented IN (0, 1)),
        answered_on TEXT,
        answered_by TEXT NOT NULL DEFAULT '',
        moved_agreement_id INTEGER REFERENCES agreements (id),
        closed_on TEXT,
        PRIMARY KEY (amendment_id, customer_id)
    );
    CREATE INDEX amendment_customers_customer ON amendment_customers (customer_id);
    CREATE INDEX amendment_customers_open
        ON amendment_customers (amendment_id, consented, customer_id)
        WHERE moved_agreement_id IS NULL AND closed_on IS NULL;
    -- The agreement an amendment made knows it by this link.
    CREATE INDEX amendment_customers_moved ON amendment_customers (moved_agreement_id)
        WHERE moved_agreement_id IS NOT NULL;",
];

/// The schema version this build of the app writes.
pub fn latest() -> u32 {
    STEPS.len() as u32
}

/// Brings the vault to the latest schema, the event log's triggers included. A vault written by a newer app is refused rather
/// than touched.
pub fn migrate(conn: &mut Connection) -> AppResult<()> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current > latest() {
        return Err(AppError::VaultFromNewerVersion);
    }
    for (index, step) in STEPS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", index + 1))?;
        tx.commit()?;
        tracing::info!(version = index + 1, "vault migrated");
    }
    super::events::install_triggers(conn)
}
