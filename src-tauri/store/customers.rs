//! The customer register and contact persons. Customers are archived, never deleted.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, ToSql, Transaction};

use super::security_documents;

use crate::domain::customer::{
    check_customer, search_text, search_words, Contact, ContactInput, Customer, CustomerInput,
    CustomerPage, CustomerQuery, CustomerRecord, CustomerSort, CustomerSummary, Language,
    ServiceCount,
};
use crate::domain::security_document::SecurityDocumentInput;
use crate::domain::validation::FieldCode;
use crate::error::{AppError, AppResult};

/// The customers that match the query, in its order: the page it asks for, else all.
pub fn list(conn: &Connection, query: &CustomerQuery) -> AppResult<Vec<CustomerSummary>> {
    let order = match query.sort {
        CustomerSort::NameAsc => "c.name COLLATE NOCASE ASC, c.id",
        CustomerSort::NameDesc => "c.name COLLATE NOCASE DESC, c.id",
        CustomerSort::KvkAsc => "c.kvk_number = '', c.kvk_number ASC, c.id",
        CustomerSort::UpdatedDesc => "c.updated_at DESC, c.id DESC",
    };
    let (filter, mut params) = matching(query);
    params.push(Box::new(query.limit.map_or(-1, i64::from)));
    params.push(Box::new(i64::from(query.offset.unwrap_or(0))));
    let n = params.len();
    let sql = format!(
        "SELECT c.id, c.name, c.kvk_number, c.notice_language, c.archived_at IS NOT NULL,
                c.updated_at,
                (SELECT name FROM contacts WHERE customer_id = c.id
                 ORDER BY receives_notices DESC, position LIMIT 1),
                (SELECT count(*) FROM contacts WHERE customer_id = c.id)
         FROM customers c
         WHERE {filter}
         ORDER BY {order}
         LIMIT ?{} OFFSET ?{n}",
        n - 1
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let rows = statement.query_map(rusqlite::params_from_iter(params.iter()), |row| {
        Ok(CustomerSummary {
            id: row.get(0)?,
            name: row.get(1)?,
            kvk_number: row.get(2)?,
            notice_language: language(row, 3)?,
            archived: row.get(4)?,
            updated_at: row.get(5)?,
            main_contact: row.get(6)?,
            contact_count: row.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One page of the customers that match, with how many match in all.
pub fn page(conn: &Connection, query: &CustomerQuery) -> AppResult<CustomerPage> {
    let (filter, params) = matching(query);
    let total: u32 = conn
        .prepare_cached(&format!("SELECT count(*) FROM customers c WHERE {filter}"))?
        .query_row(rusqlite::params_from_iter(params.iter()), |row| row.get(0))?;
    Ok(CustomerPage {
        rows: list(conn, query)?,
        total,
        offset: query.offset.unwrap_or(0),
    })
}

/// The WHERE clause of a query and its parameters: archived or not, and every search word.
fn matching(query: &CustomerQuery) -> (String, Vec<Box<dyn ToSql>>) {
    let mut filter = String::from("(?1 OR c.archived_at IS NULL)");
    let mut params: Vec<Box<dyn ToSql>> = vec![Box::new(query.include_archived)];
    for word in search_words(&query.search) {
        params.push(Box::new(like_escape(&word)));
        filter.push_str(&format!(
            " AND c.search_text LIKE '%' || ?{} || '%' ESCAPE '\\'",
            params.len()
        ));
    }
    (filter, params)
}

const CUSTOMER_COLUMNS: &str = "id, name, kvk_number, address, notice_language, service_start,
    service_end, archived_at, created_at, updated_at";
const CONTACT_COLUMNS: &str =
    "id, name, role, email, phone, designated_for_instructions, receives_notices";

/// A customer from a row of [`CUSTOMER_COLUMNS`], without its services and contacts.
fn customer_row(row: &Row) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: row.get(0)?,
        name: row.get(1)?,
        kvk_number: row.get(2)?,
        address: row.get(3)?,
        notice_language: language(row, 4)?,
        service_start: row.get(5)?,
        service_end: row.get(6)?,
        archived_at: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
        services: Vec::new(),
        contacts: Vec::new(),
    })
}

/// A contact from a row of [`CONTACT_COLUMNS`] that starts at column `at`.
fn contact_row(row: &Row, at: usize) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: row.get(at)?,
        name: row.get(at + 1)?,
        role: row.get(at + 2)?,
        email: row.get(at + 3)?,
        phone: row.get(at + 4)?,
        designated_for_instructions: row.get(at + 5)?,
        receives_notices: row.get(at + 6)?,
    })
}

/// One customer with its contacts.
pub fn get(conn: &Connection, id: i64) -> AppResult<Customer> {
    let customer = conn
        .query_row(
            &format!("SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = ?1"),
            [id],
            customer_row,
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    let contacts = conn
        .prepare_cached(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts WHERE customer_id = ?1 ORDER BY position"
        ))?
        .query_map([id], |row| contact_row(row, 0))?
        .collect::<Result<_, _>>()?;
    let services = conn
        .prepare_cached("SELECT name FROM customer_services WHERE customer_id = ?1 ORDER BY rowid")?
        .query_map([id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(Customer {
        contacts,
        services,
        ..customer
    })
}

/// Every customer with its contacts and services, archived ones included, by id: three
/// queries, however many customers.
pub fn all(conn: &Connection) -> AppResult<Vec<Customer>> {
    let mut customers: Vec<Customer> = conn
        .prepare(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers ORDER BY id"
        ))?
        .query_map([], customer_row)?
        .collect::<Result<_, _>>()?;
    let place: std::collections::HashMap<i64, usize> = customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let mut contacts = conn.prepare(&format!(
        "SELECT customer_id, {CONTACT_COLUMNS} FROM contacts ORDER BY customer_id, position"
    ))?;
    let mut rows = contacts.query([])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = place.get(&row.get::<_, i64>(0)?) {
            customers[i].contacts.push(contact_row(row, 1)?);
        }
    }
    let mut services =
        conn.prepare("SELECT customer_id, name FROM customer_services ORDER BY rowid")?;
    let mut rows = services.query([])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = place.get(&row.get::<_, i64>(0)?) {
            customers[i].services.push(row.get(1)?);
        }
    }
    Ok(customers)
}

/// Adds a customer with its contacts, all or nothing; an input that does not pass
/// [`check_customer`] is refused with its field errors.
pub fn create(
    conn: &mut Connection,
    input: &CustomerInput,
    now: DateTime<Utc>,
) -> AppResult<Customer> {
    let record = check_customer(input)?;
    let tx = conn.transaction()?;
    let id = insert(&tx, &record, now)?;
    tx.commit()?;
    get(conn, id)
}

/// Fills an empty vault with customers (the demo data), each with `security_document` as
/// the first version of its security measures document when one is given; refused once the
/// vault has customers. The check and the inserts are one transaction.
pub fn fill_empty(
    conn: &mut Connection,
    inputs: &[CustomerInput],
    security_document: Option<&SecurityDocumentInput>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let records = check_all(inputs)?;
    let tx = conn.transaction()?;
    let count: u32 = tx.query_row("SELECT count(*) FROM customers", [], |row| row.get(0))?;
    if count > 0 {
        return Err(AppError::VaultNotEmpty);
    }
    for record in &records {
        let id = insert(&tx, record, now)?;
        if let Some(document) = security_document {
            security_documents::create(&tx, id, document, now)?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Adds many customers in one transaction: all, or none when one is refused.
pub fn create_many(
    conn: &mut Connection,
    inputs: &[CustomerInput],
    now: DateTime<Utc>,
) -> AppResult<()> {
    let records = check_all(inputs)?;
    let tx = conn.transaction()?;
    for record in &records {
        insert(&tx, record, now)?;
    }
    tx.commit()?;
    Ok(())
}

fn check_all(inputs: &[CustomerInput]) -> AppResult<Vec<CustomerRecord>> {
    inputs
        .iter()
        .map(|input| Ok(check_customer(input)?))
        .collect()
}

pub(super) fn insert(
    tx: &Transaction,
    input: &CustomerRecord,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    ensure_kvk_free(tx, &input.kvk_number, None)?;
    write_row(tx, INSERT, None, input, now)?;
    let id = tx.last_insert_rowid();
    save_contacts(tx, id, &input.contacts)?;
    save_services(tx, id, &input.services)?;
    Ok(id)
}

/// Replaces a customer's details, all or nothing (checked as in [`create`]). Contacts keep
/// their ids; contacts left out of the input are removed.
pub fn update(
    conn: &mut Connection,
    id: i64,
    input: &CustomerInput,
    now: DateTime<Utc>,
) -> AppResult<Customer> {
    let record = check_customer(input)?;
    let tx = conn.transaction()?;
    rewrite(&tx, id, &record, now)?;
    tx.commit()?;
    get(conn, id)
}

/// Writes a checked customer over the one with `id`, inside the caller's transaction.
pub(super) fn rewrite(
    tx: &Transaction,
    id: i64,
    record: &CustomerRecord,
    now: DateTime<Utc>,
) -> AppResult<()> {
    ensure_kvk_free(tx, &record.kvk_number, Some(id))?;
    if write_row(tx, UPDATE, Some(id), record, now)? == 0 {
        return Err(AppError::NotFound);
    }
    save_contacts(tx, id, &record.contacts)?;
    save_services(tx, id, &record.services)
}

const INSERT: &str = "INSERT INTO customers (name, kvk_number, address, notice_language,
    service_start, service_end, search_text, created_at, updated_at, id)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)";
const UPDATE: &str = "UPDATE customers SET name = ?1, kvk_number = ?2, address = ?3,
    notice_language = ?4, service_start = ?5, service_end = ?6, search_text = ?7,
    updated_at = ?8
    WHERE id = ?9";

/// Runs INSERT or UPDATE with the customer's columns as ?1 to ?8 and its id as ?9.
fn write_row(
    tx: &Transaction,
    sql: &str,
    id: Option<i64>,
    input: &CustomerRecord,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let language = input.notice_language.code();
    let search = search_text(input);
    let values: [&dyn ToSql; 9] = [
        &input.name,
        &input.kvk_number,
        &input.address,
        &language,
        &input.service_start,
        &input.service_end,
        &search,
        &now,
        &id,
    ];
    Ok(tx.prepare_cached(sql)?.execute(&values[..])?)
}

/// Archives a customer (hidden from the list by default, kept with all its history), or
/// brings it back.
pub fn set_archived(
    conn: &Connection,
    id: i64,
    archived: bool,
    now: DateTime<Utc>,
) -> AppResult<Customer> {
    let changed = conn.execute(
        "UPDATE customers SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END,
            updated_at = ?3
         WHERE id = ?1",
        (id, archived, now),
    )?;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    get(conn, id)
}

/// How many customers the vault holds, archived ones included.
pub fn count(conn: &Connection) -> AppResult<u32> {
    Ok(conn.query_row("SELECT count(*) FROM customers", [], |row| row.get(0))?)
}

fn ensure_kvk_free(tx: &Transaction, kvk_number: &str, except: Option<i64>) -> AppResult<()> {
    if kvk_number.is_empty() {
        return Ok(());
    }
    // `kvk_number <> ''` lets SQLite use the partial unique index, not read every customer.
    let taken: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM customers
             WHERE kvk_number = ?1 AND kvk_number <> '' AND id IS NOT ?2)",
        )?
        .query_row((kvk_number, except), |row| row.get(0))?;
    if taken {
        return Err(AppError::field("kvk_number", FieldCode::DuplicateKvk));
    }
    Ok(())
}

fn save_services(tx: &Transaction, customer_id: i64, services: &[String]) -> AppResult<()> {
    tx.prepare_cached("DELETE FROM customer_services WHERE customer_id = ?1")?
        .execute([customer_id])?;
    let mut insert =
        tx.prepare_cached("INSERT INTO customer_services (customer_id, name) VALUES (?1, ?2)")?;
    for name in services {
        insert.execute((customer_id, name))?;
    }
    Ok(())
}

/// Every service with the number of customers (not archived) that use it, by name.
pub fn services(conn: &Connection) -> AppResult<Vec<ServiceCount>> {
    let mut statement = conn.prepare(
        "SELECT s.name, count(*) FROM customer_services s
         JOIN customers c ON c.id = s.customer_id AND c.archived_at IS NULL
         GROUP BY s.name COLLATE NOCASE ORDER BY s.name COLLATE NOCASE",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(ServiceCount {
            name: row.get(0)?,
            customers: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The customers (not archived) that use a service, whatever the case it was typed in.
pub fn of_service(conn: &Connection, service: &str) -> AppResult<Vec<i64>> {
    let mut statement = conn.prepare(
        "SELECT s.customer_id FROM customer_services s
         JOIN customers c ON c.id = s.customer_id AND c.archived_at IS NULL
         WHERE s.name = ?1 COLLATE NOCASE ORDER BY s.customer_id",
    )?;
    let rows = statement.query_map([service], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn save_contacts(tx: &Transaction, customer_id: i64, contacts: &[ContactInput]) -> AppResult<()> {
    let kept: Vec<i64> = contacts.iter().filter_map(|c| c.id).collect();
    let existing: Vec<i64> = tx
        .prepare_cached("SELECT id FROM contacts WHERE customer_id = ?1")?
        .query_map([customer_id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    if kept.iter().any(|id| !existing.contains(id)) {
        // A contact id of another customer, or one that does not exist.
        return Err(AppError::NotFound);
    }
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        tx.execute("DELETE FROM contacts WHERE id = ?1", [id])?;
    }
    for (position, contact) in contacts.iter().enumerate() {
        let values = (
            customer_id,
            position as i64,
            &contact.name,
            &contact.role,
            &contact.email,
            &contact.phone,
            contact.designated_for_instructions,
            contact.receives_notices,
        );
        match contact.id {
            Some(id) => tx
                .prepare_cached(
                    "UPDATE contacts SET customer_id = ?1, position = ?2, name = ?3, role = ?4,
                        email = ?5, phone = ?6, designated_for_instructions = ?7,
                        receives_notices = ?8
                     WHERE id = ?9",
                )?
                .execute((
                    values.0, values.1, values.2, values.3, values.4, values.5, values.6, values.7,
                    id,
                ))?,
            None => tx
                .prepare_cached(
                    "INSERT INTO contacts (customer_id, position, name, role, email, phone,
                        designated_for_instructions, receives_notices)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(values)?,
        };
    }
    Ok(())
}

fn language(row: &Row, index: usize) -> rusqlite::Result<Language> {
    let code: String = row.get(index)?;
    Language::from_code(&code).ok_or(rusqlite::Error::InvalidColumnType(
        index,
        "notice_language".into(),
        rusqlite::types::Type::Text,
    ))
}

/// Escapes `%`, `_` and `\` so the search text is matched literally.
fn like_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
