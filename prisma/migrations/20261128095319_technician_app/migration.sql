-- CreateEnum
CREATE TYPE "attachment_kind" AS ENUM ('photo', 'signature', 'document');

-- CreateEnum
CREATE TYPE "part_request_kind" AS ENUM ('part', 'machine');

-- CreateEnum
CREATE TYPE "part_request_status" AS ENUM ('requested', 'backordered', 'fulfilled', 'cancelled');

-- CreateEnum
CREATE TYPE "replication_outcome" AS ENUM ('applied', 'conflict', 'rejected');

-- CreateTable
CREATE TABLE "attachments" (
    "id" TEXT NOT NULL,
    "kind" "attachment_kind" NOT NULL,
    "intervention_id" TEXT,
    "equipment_id" TEXT,
    "site_id" TEXT,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "caption" TEXT,
    "width" INTEGER,
    "height" INTEGER,
    "author_id" TEXT,
    "taken_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "intervention_reports" (
    "intervention_id" TEXT NOT NULL,
    "technician_id" TEXT,
    "work_done" TEXT NOT NULL,
    "time_spent_minutes" INTEGER NOT NULL,
    "parts_used" JSONB NOT NULL DEFAULT '[]',
    "configuration_changes" JSONB NOT NULL DEFAULT '[]',
    "signed_by" TEXT,
    "signature_id" TEXT,
    "photo_ids" TEXT[],
    "completed_at" TIMESTAMPTZ(3) NOT NULL,
    "action_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "intervention_reports_pkey" PRIMARY KEY ("intervention_id")
);

-- CreateTable
CREATE TABLE "part_requests" (
    "id" TEXT NOT NULL,
    "technician_id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "part_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "kind" "part_request_kind" NOT NULL DEFAULT 'part',
    "status" "part_request_status" NOT NULL DEFAULT 'requested',
    "intervention_id" TEXT,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "part_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replication_actions" (
    "id" TEXT NOT NULL,
    "technician_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "intervention_id" TEXT,
    "agency_id" TEXT,
    "kind" TEXT NOT NULL,
    "outcome" "replication_outcome" NOT NULL,
    "reason" TEXT,
    "result" JSONB NOT NULL,
    "payload" JSONB,
    "result_version" INTEGER,
    "device_created_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" TEXT,
    "resolution" TEXT,

    CONSTRAINT "replication_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "technician_visit_grants" (
    "technician_id" TEXT NOT NULL,
    "intervention_id" TEXT NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "technician_visit_grants_pkey" PRIMARY KEY ("technician_id","intervention_id")
);

-- CreateIndex
CREATE INDEX "attachments_intervention_id_idx" ON "attachments"("intervention_id");

-- CreateIndex
CREATE INDEX "attachments_equipment_id_idx" ON "attachments"("equipment_id");

-- CreateIndex
CREATE INDEX "attachments_site_id_idx" ON "attachments"("site_id");

-- CreateIndex
CREATE INDEX "part_requests_agency_id_status_idx" ON "part_requests"("agency_id", "status");

-- CreateIndex
CREATE INDEX "part_requests_technician_id_created_at_idx" ON "part_requests"("technician_id", "created_at");

-- CreateIndex
CREATE INDEX "part_requests_part_id_idx" ON "part_requests"("part_id");

-- CreateIndex
CREATE INDEX "part_requests_intervention_id_idx" ON "part_requests"("intervention_id");

-- CreateIndex
CREATE INDEX "replication_actions_technician_id_received_at_idx" ON "replication_actions"("technician_id", "received_at");

-- CreateIndex
CREATE INDEX "replication_actions_agency_id_outcome_resolved_at_idx" ON "replication_actions"("agency_id", "outcome", "resolved_at");

-- CreateIndex
CREATE INDEX "replication_actions_intervention_id_idx" ON "replication_actions"("intervention_id");

-- CreateIndex
CREATE INDEX "technician_visit_grants_intervention_id_idx" ON "technician_visit_grants"("intervention_id");

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_equipment_id_fkey" FOREIGN KEY ("equipment_id") REFERENCES "equipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intervention_reports" ADD CONSTRAINT "intervention_reports_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "parts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replication_actions" ADD CONSTRAINT "replication_actions_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "technician_visit_grants" ADD CONSTRAINT "technician_visit_grants_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "technician_visit_grants" ADD CONSTRAINT "technician_visit_grants_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
