// Row types for programs, mastery and notifications. Merged into DB in schema.ts.

export interface ProgramsTable {
  id: string;
  org_id: string;
  name: string;
  current_version: number;
  created_at: string;
  updated_at: string;
}

export interface ProgramVersionsTable {
  program_id: string;
  version: number;
  spec: string;
  created_by: string;
  created_at: string;
}

export interface ProgramAssignmentsTable {
  id: string;
  program_id: string;
  cohort_id: string;
  start_date: string;
  created_by: string;
  created_at: string;
}

export interface ProgramAttemptsTable {
  attempt_id: string;
  user_id: string;
  program_id: string;
  module_key: string;
  version: number;
  created_at: string;
}

export interface ModuleCompletionsTable {
  id: string;
  user_id: string;
  program_id: string;
  module_key: string;
  version: number;
  module_title: string;
  status: "awaiting-sign-off" | "complete" | "returned";
  passed_at: string;
  summary: string;
  signed_off_by: string | null;
  signed_off_at: string | null;
  returned_at: string | null;
  note: string | null;
}

export interface CertificatesTable {
  id: string;
  user_id: string;
  program_id: string;
  issued_at: string;
  content: string;
}

export interface MasteryTable {
  user_id: string;
  category: string;
  rating: number;
  evidence: number;
  last_practised_at: string | null;
  updated_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  link: string;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface ProgramTables {
  programs: ProgramsTable;
  program_versions: ProgramVersionsTable;
  program_assignments: ProgramAssignmentsTable;
  program_attempts: ProgramAttemptsTable;
  module_completions: ModuleCompletionsTable;
  certificates: CertificatesTable;
  mastery: MasteryTable;
  notifications: NotificationsTable;
}
