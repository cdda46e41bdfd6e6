// The only place that calls invoke(): one typed function per command.
import { Channel, invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { Agreement } from './bindings/Agreement';
import type { AgreementInput } from './bindings/AgreementInput';
import type { AgreementOverview } from './bindings/AgreementOverview';
import type { Amendment } from './bindings/Amendment';
import type { AmendmentInput } from './bindings/AmendmentInput';
import type { AnswerInput } from './bindings/AnswerInput';
import type { AppError } from './bindings/AppError';
import type { Dispatch } from './bindings/Dispatch';
import type { MailServerInput } from './bindings/MailServerInput';
import type { MailServerView } from './bindings/MailServerView';
import type { Progress } from './bindings/Progress';
import type { SendReport } from './bindings/SendReport';
import type { ExportSummary } from './bindings/ExportSummary';
import type { CustomerFile } from './bindings/CustomerFile';
import type { ColumnTarget } from './bindings/ColumnTarget';
import type { ImportSummary } from './bindings/ImportSummary';
import type { ImportOutcome } from './bindings/ImportOutcome';
import type { TemplatePreview } from './bindings/TemplatePreview';
import type { PreviewedFile } from './bindings/PreviewedFile';
import type { TemplateVersion } from './bindings/TemplateVersion';
import type { TemplateVersionInput } from './bindings/TemplateVersionInput';
import type { Terms } from './bindings/Terms';
import type { Customer } from './bindings/Customer';
import type { CustomerInput } from './bindings/CustomerInput';
import type { CustomerPage } from './bindings/CustomerPage';
import type { CustomerQuery } from './bindings/CustomerQuery';
import type { CustomerSummary } from './bindings/CustomerSummary';
import type { Language } from './bindings/Language';
import type { NewVault } from './bindings/NewVault';
import type { Settings } from './bindings/Settings';
import type { ProcessingRecord } from './bindings/ProcessingRecord';
import type { IncompleteRecord } from './bindings/IncompleteRecord';
import type { SubProcessingInput } from './bindings/SubProcessingInput';
import type { SubProcessingView } from './bindings/SubProcessingView';
import type { VaultStatus } from './bindings/VaultStatus';
import type { AffectedOverride } from './bindings/AffectedOverride';
import type { FollowUpInput } from './bindings/FollowUpInput';
import type { BreachFactsInput } from './bindings/BreachFactsInput';
import type { DeliveryInput } from './bindings/DeliveryInput';
import type { Incident } from './bindings/Incident';
import type { IncidentDetail } from './bindings/IncidentDetail';
import type { IncidentPage } from './bindings/IncidentPage';
import type { IncidentRow } from './bindings/IncidentRow';
import type { NoticePreview } from './bindings/NoticePreview';
import type { SavedFiles } from './bindings/SavedFiles';
import type { ServiceCount } from './bindings/ServiceCount';
import type { StatusChangeInput } from './bindings/StatusChangeInput';

import type { Audit } from './bindings/Audit';
import type { AuditInput } from './bindings/AuditInput';
import type { AuditRow } from './bindings/AuditRow';
import type { Country } from './bindings/Country';
import type { CustomerSubProcessor } from './bindings/CustomerSubProcessor';
import type { Dashboard } from './bindings/Dashboard';
import type { Decision } from './bindings/Decision';
import type { AuditLetter } from './bindings/AuditLetter';
import type { AnnouncementInput } from './bindings/AnnouncementInput';
import type { ResponseInput } from './bindings/ResponseInput';
import type { SendingInput } from './bindings/SendingInput';
import type { SubProcessorDetail } from './bindings/SubProcessorDetail';
import type { SubProcessorInput } from './bindings/SubProcessorInput';
import type { SubProcessorRow } from './bindings/SubProcessorRow';
import type { ServiceEnd } from './bindings/ServiceEnd';
import type { SecurityDocument } from './bindings/SecurityDocument';
import type { SecurityDocumentInput } from './bindings/SecurityDocumentInput';
import type { Assistance } from './bindings/Assistance';
import type { AssistanceInput } from './bindings/AssistanceInput';
import type { Disclosure } from './bindings/Disclosure';
import type { DisclosureInput } from './bindings/DisclosureInput';
import type { Instruction } from './bindings/Instruction';
import type { InstructionInput } from './bindings/InstructionInput';
import type { ServiceEndInput } from './bindings/ServiceEndInput';
import type { Transfer } from './bindings/Transfer';
import type { TransferGap } from './bindings/TransferGap';
import type { TransferInput } from './bindings/TransferInput';
import type { BackupFile } from './bindings/BackupFile';
import type { HistoryEntry } from './bindings/HistoryEntry';
import type { Restored } from './bindings/Restored';
import type { Verification } from './bindings/Verification';

/** An error from the core, or `unexpected` when the call itself failed (wrong arguments). */
export type UiError = AppError | { code: 'unexpected' };

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error) {
      throw error as AppError;
    }
    throw { code: 'unexpected' } satisfies UiError;
  }
}

/** Turns anything thrown by an api call into a UiError. */
export function asUiError(error: unknown): UiError {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return error as UiError;
  }
  return { code: 'unexpected' };
}

/** Runs `work`, then `then` (a reload); the error to show, or null when both went well. */
export async function attempt(work: () => Promise<unknown>, then?: () => Promise<unknown>): Promise<UiError | null> {
  try {
    await work();
    if (then) await then();
    return null;
  } catch (e) {
    return asUiError(e);
  }
}

/** A channel on which the core reports how far a long piece of work is. */
function channel<T>(progress: (p: T) => void): Channel<T> {
  const onProgress = new Channel<T>();
  onProgress.onmessage = progress;
  return onProgress;
}

export const vaultStatus = () => call<VaultStatus>('vault_status');
export const createVault = (input: NewVault) => call<null>('create_vault', { input });
export const unlockVault = (passphrase: string) => call<null>('unlock_vault', { passphrase });
export const lockVault = () => call<null>('lock_vault');
export const changePassphrase = (current: string, next: string, confirm: string) =>
  call<null>('change_passphrase', { current, new: next, confirm });
export const recordActivity = () => call<null>('record_activity');
export const setInterfaceLanguage = (language: Language) =>
  call<null>('set_interface_language', { language });

export const getSettings = () => call<Settings>('get_settings');
export const updateSettings = (settings: Settings) => call<Settings>('update_settings', { settings });

export const listCustomers = (query: CustomerQuery) =>
  call<CustomerSummary[]>('list_customers', { query });
export const customerPage = (query: CustomerQuery) => call<CustomerPage>('customer_page', { query });
export const getCustomer = (id: number) => call<Customer>('get_customer', { id });
export const createCustomer = (input: CustomerInput) => call<Customer>('create_customer', { input });
export const updateCustomer = (id: number, input: CustomerInput) =>
  call<Customer>('update_customer', { id, input });
export const setCustomerArchived = (id: number, archived: boolean) =>
  call<Customer>('set_customer_archived', { id, archived });
export const loadDemoData = () => call<number>('load_demo_data');

export const chooseCustomerFile = () => call<string | null>('choose_customer_file');
export const readCustomerFile = (path: string) => call<CustomerFile>('read_customer_file', { path });
export const previewCustomerImport = (path: string, sha256: string, mapping: (ColumnTarget | null)[]) =>
  call<ImportSummary>('preview_customer_import', { path, sha256, mapping });
export const importCustomers = (
  path: string,
  sha256: string,
  mapping: (ColumnTarget | null)[],
  skipRefused: boolean,
  progress: (p: Progress) => void,
) => call<ImportOutcome>('import_customers', { path, sha256, mapping, skipRefused, onProgress: channel(progress) });
export const cancelCustomerImport = () => call<null>('cancel_customer_import');

export const chooseTemplateFile = () => call<string | null>('choose_template_file');
export const readTemplateFile = (path: string) => call<TemplatePreview>('read_template_file', { path });
export const createTemplateVersion = (input: TemplateVersionInput, file: PreviewedFile | null) =>
  call<TemplateVersion>('create_template_version', { input, file });
export const saveTemplateSource = (id: number) => call<string>('save_template_source', { id, folder: null });
export const listTemplateVersions = () => call<TemplateVersion[]>('list_template_versions');
export const updateTemplateTerms = (id: number, terms: Terms) =>
  call<TemplateVersion>('update_template_terms', { id, terms });

export const listAgreements = (customerId: number) => call<Agreement[]>('list_agreements', { customerId });
export const createAgreement = (customerId: number, input: AgreementInput) =>
  call<Agreement>('create_agreement', { customerId, input });
export const updateAgreement = (id: number, input: AgreementInput) => call<Agreement>('update_agreement', { id, input });
export const listAmendments = () => call<Amendment[]>('list_amendments');
export const announceAmendment = (input: AmendmentInput, progress: (p: Progress) => void) =>
  call<Amendment>('announce_amendment', { input, onProgress: channel(progress) });
export const recordAmendmentAnswer = (amendmentId: number, customerId: number, input: AnswerInput) =>
  call<Amendment>('record_amendment_answer', { amendmentId, customerId, input });
export const recordAmendmentSending = (amendmentId: number, input: SendingInput) =>
  call<number>('record_amendment_sending', { amendmentId, input });
export const saveAmendmentNotices = (amendmentId: number, folder: string | null) =>
  call<SavedFiles>('save_amendment_notices', { amendmentId, folder });
export const agreementOverview = (offset: number, limit: number) =>
  call<AgreementOverview>('agreement_overview', { offset, limit });

export const chooseFolder = () => call<string | null>('choose_folder');
export const exportCustomer = (id: number, folder: string | null) => call<string>('export_customer', { id, folder });
export const exportAll = (folder: string, progress: (p: Progress) => void) =>
  call<ExportSummary>('export_all', { folder, onProgress: channel(progress) });
export const cancelExport = () => call<null>('cancel_export');

export const listOpenIncidents = () => call<IncidentRow[]>('list_open_incidents');
export const incidentPage = (offset: number, limit: number) => call<IncidentPage>('incident_page', { offset, limit });
export const createIncident = (title: string) => call<Incident>('create_incident', { title });
export const getIncident = (id: number) => call<IncidentDetail>('get_incident', { id });
export const saveIncidentDraft = (id: number, facts: BreachFactsInput, step: number) =>
  call<IncidentDetail>('save_incident_draft', { id, facts, step });
export const changeIncidentStatus = (id: number, input: StatusChangeInput) =>
  call<Incident>('change_incident_status', { id, input });
export const listServices = () => call<ServiceCount[]>('list_services');
export const addIncidentCustomers = (id: number, customerIds: number[]) =>
  call<null>('add_incident_customers', { id, customerIds });
export const addServiceCustomers = (id: number, service: string) =>
  call<number>('add_service_customers', { id, service });
export const removeIncidentCustomer = (id: number, customerId: number) =>
  call<null>('remove_incident_customer', { id, customerId });
export const saveCustomerFacts = (id: number, customerId: number, overrides: AffectedOverride) =>
  call<null>('save_customer_facts', { id, customerId, overrides });
export const saveCustomerFollowUp = (id: number, customerId: number, input: FollowUpInput) =>
  call<null>('save_customer_follow_up', { id, customerId, input });
export const previewNotice = (id: number, customerId: number, finalNotice: boolean) =>
  call<NoticePreview>('preview_notice', { id, customerId, finalNotice });
export const generateNotices = (id: number, customerIds: number[], finalNotice: boolean, progress: (p: Progress) => void) =>
  call<number[]>('generate_notices', { id, customerIds, finalNotice, onProgress: channel(progress) });
export const saveIncidentNotices = (id: number, folder: string | null) =>
  call<SavedFiles>('save_incident_notices', { id, folder });
export const saveIncidentDrafts = (id: number, folder: string | null, progress: (p: Progress) => void) =>
  call<SavedFiles>('save_incident_drafts', { id, folder, onProgress: channel(progress) });
export const exportBreachRegister = (folder: string | null) =>
  call<SavedFiles>('export_breach_register', { folder });

/** Saves any kept document (a breach notice, an audit or sub-processor notice, a letter). */
export const saveDocument = (documentId: number, folder: string | null) =>
  call<string>('save_document', { documentId, folder });
export const saveDocumentDraft = (documentId: number, folder: string | null) =>
  call<string>('save_document_draft', { documentId, folder });
export const openSavedDocument = (documentId: number, draft: boolean, folder: string | null) =>
  call<void>('open_saved_document', { documentId, draft, folder });
/** Records when, how and to whom a kept document was sent. */
export const recordDelivery = (documentId: number, input: DeliveryInput) =>
  call<null>('record_delivery', { documentId, input });

export const getDashboard = () => call<Dashboard>('get_dashboard');

export const listAudits = (customerId: number | null) => call<AuditRow[]>('list_audits', { customerId });
export const getAudit = (id: number) => call<Audit>('get_audit', { id });
export const createAudit = (input: AuditInput) => call<Audit>('create_audit', { input });
export const updateAudit = (id: number, input: AuditInput) => call<Audit>('update_audit', { id, input });
export const generateAuditLetter = (id: number, kind: AuditLetter) =>
  call<Audit>('generate_audit_letter', { id, kind });

export const exportAuditRegister = (folder: string | null) => call<string>('export_audit_register', { folder });
export const exportSubProcessorRegister = (folder: string | null) =>
  call<string>('export_sub_processor_register', { folder });

export const listCountries = () => call<Country[]>('list_countries');
export const listSubProcessors = () => call<SubProcessorRow[]>('list_sub_processors');
export const getSubProcessor = (id: number) => call<SubProcessorDetail>('get_sub_processor', { id });
export const createSubProcessor = (input: SubProcessorInput) =>
  call<SubProcessorDetail>('create_sub_processor', { input });
export const updateSubProcessor = (id: number, input: SubProcessorInput) =>
  call<SubProcessorDetail>('update_sub_processor', { id, input });
export const announceSubProcessorChange = (input: AnnouncementInput, progress: (p: Progress) => void) =>
  call<SubProcessorDetail>('announce_sub_processor_change', { input, onProgress: channel(progress) });
export const recordAnnouncementSending = (announcementId: number, input: SendingInput) =>
  call<number>('record_announcement_sending', { announcementId, input });
export const recordCustomerResponse = (announcementId: number, customerId: number, input: ResponseInput) =>
  call<null>('record_customer_response', { announcementId, customerId, input });
export const recordNoticeReceipt = (announcementId: number, customerId: number, receivedAt: string) =>
  call<null>('record_notice_receipt', { announcementId, customerId, receivedAt });
export const decideObjection = (announcementId: number, customerId: number, decision: Decision) =>
  call<null>('decide_objection', { announcementId, customerId, decision });
export const saveAnnouncementNotices = (announcementId: number, folder: string | null) =>
  call<SavedFiles>('save_announcement_notices', { announcementId, folder });
export const saveAnnouncementDrafts = (announcementId: number, folder: string | null, progress: (p: Progress) => void) =>
  call<SavedFiles>('save_announcement_drafts', { announcementId, folder, onProgress: channel(progress) });
export const listTransfers = (customerId: number | null) => call<Transfer[]>('list_transfers', { customerId });
export const listTransferGaps = (customerId: number | null, limit: number | null = null) =>
  call<TransferGap[]>('list_transfer_gaps', { customerId, limit });
export const createTransfer = (input: TransferInput) => call<null>('create_transfer', { input });
export const withdrawTransfer = (id: number, withdrawnOn: string) =>
  call<null>('withdraw_transfer', { id, withdrawnOn });
export const exportTransferRegister = (folder: string | null) =>
  call<string>('export_transfer_register', { folder });
export const listInstructions = (customerId: number | null) =>
  call<Instruction[]>('list_instructions', { customerId });
export const createInstruction = (customerId: number, input: InstructionInput) =>
  call<Instruction>('create_instruction', { customerId, input });
export const updateInstruction = (id: number, input: InstructionInput) =>
  call<Instruction>('update_instruction', { id, input });
export const generateDoubtNotice = (id: number) => call<Instruction>('generate_doubt_notice', { id });
export const exportInstructionRegister = (folder: string | null) =>
  call<string>('export_instruction_register', { folder });
export const listSecurityDocuments = (customerId: number | null) =>
  call<SecurityDocument[]>('list_security_documents', { customerId });
export const createSecurityDocument = (customerId: number, input: SecurityDocumentInput) =>
  call<SecurityDocument>('create_security_document', { customerId, input });
export const generateSecurityDocumentNotice = (id: number) =>
  call<SecurityDocument>('generate_security_document_notice', { id });
export const exportSecurityDocumentRegister = (folder: string | null) =>
  call<string>('export_security_document_register', { folder });
export const getProcessingRecord = (customerId: number) => call<ProcessingRecord>('get_processing_record', { customerId });
export const setProcessingCategories = (customerId: number, categories: string) =>
  call<ProcessingRecord>('set_processing_categories', { customerId, categories });
export const listIncompleteRecords = () => call<IncompleteRecord[]>('list_incomplete_records');
export const chooseSubProcessingFile = () => call<string | null>('choose_sub_processing_file');
export const getSubProcessing = (subProcessorId: number) => call<SubProcessingView>('get_sub_processing', { subProcessorId });
export const saveSubProcessing = (subProcessorId: number, input: SubProcessingInput, file: string | null) =>
  call<SubProcessingView>('save_sub_processing', { subProcessorId, input, file });
export const saveSubProcessingFile = (subProcessorId: number, folder: string | null) =>
  call<string>('save_sub_processing_file', { subProcessorId, folder });
export const exportProcessingRecordPdf = (customerId: number | null, language: Language, folder: string | null) =>
  call<string>('export_processing_record_pdf', { customerId, language, folder });
export const exportProcessingRecordCsv = (customerId: number | null, folder: string | null) =>
  call<string>('export_processing_record_csv', { customerId, folder });
export const listServiceEnds = () => call<ServiceEnd[]>('list_service_ends');
export const getServiceEnd = (customerId: number) => call<ServiceEnd | null>('get_service_end', { customerId });
export const saveServiceEnd = (customerId: number, input: ServiceEndInput) =>
  call<ServiceEnd | null>('save_service_end', { customerId, input });
export const generateServiceEndConfirmation = (customerId: number) =>
  call<ServiceEnd | null>('generate_service_end_confirmation', { customerId });
export const exportServiceEndRegister = (folder: string | null) =>
  call<string>('export_service_end_register', { folder });
export const listDisclosures = (customerId: number | null) =>
  call<Disclosure[]>('list_disclosures', { customerId });
export const getDisclosure = (id: number) => call<Disclosure>('get_disclosure', { id });
export const createDisclosure = (input: DisclosureInput) => call<Disclosure>('create_disclosure', { input });
export const updateDisclosure = (id: number, input: DisclosureInput) =>
  call<Disclosure>('update_disclosure', { id, input });
export const generateDisclosureNotice = (id: number, customerId: number) =>
  call<Disclosure>('generate_disclosure_notice', { id, customerId });
export const exportDisclosureRegister = (folder: string | null) =>
  call<string>('export_disclosure_register', { folder });
export const listAssistance = (customerId: number | null) =>
  call<Assistance[]>('list_assistance', { customerId });
export const createAssistance = (customerId: number, input: AssistanceInput) =>
  call<Assistance>('create_assistance', { customerId, input });
export const updateAssistance = (id: number, input: AssistanceInput) =>
  call<Assistance>('update_assistance', { id, input });
export const exportAssistanceRegister = (folder: string | null) =>
  call<string>('export_assistance_register', { folder });
export const listCustomerSubProcessors = (customerId: number) =>
  call<CustomerSubProcessor[]>('list_customer_sub_processors', { customerId });
export const verifyEventLog = () => call<Verification>('verify_event_log');
export const entityHistory = (entity: string, id: number) =>
  call<HistoryEntry[]>('entity_history', { entity, id });
export const exportEventLog = (folder: string | null) => call<string>('export_event_log', { folder });
export const listBackups = () => call<BackupFile[]>('list_backups');
export const backUpNow = (folder: string | null) => call<string>('back_up_now', { folder });
export const chooseBackupFile = () => call<string | null>('choose_backup_file');
export const restoreBackup = (path: string, passphrase: string) =>
  call<Restored>('restore_backup', { path, passphrase });

/** Calls `handler` when the vault locked itself after idle time. */
export const onVaultLocked = (handler: () => void): Promise<UnlistenFn> =>
  listen('vault-locked', handler);

export const getMailServer = () => call<MailServerView>('get_mail_server');
export const saveMailServer = (input: MailServerInput) => call<MailServerView>('save_mail_server', { input });
export const testMailServer = () => call<null>('test_mail_server');
export const sendDocuments = (documentIds: number[], confirmed: number[], progress: (p: Progress) => void) =>
  call<SendReport>('send_documents', { documentIds, confirmed, onProgress: channel(progress) });
export const cancelSending = () => call<null>('cancel_sending');
export const documentDispatches = (documentIds: number[]) => call<Dispatch[]>('document_dispatches', { documentIds });
