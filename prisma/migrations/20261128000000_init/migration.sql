-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('admin', 'dispatcher', 'technician');

-- CreateEnum
CREATE TYPE "absence_kind" AS ENUM ('leave', 'sick', 'training', 'other');

-- CreateEnum
CREATE TYPE "equipment_event_kind" AS ENUM ('installed', 'commissioned', 'inspected', 'repaired', 'part_replaced', 'configuration_changed', 'counter_reading', 'warranty_extended', 'removed', 'note');

-- CreateEnum
CREATE TYPE "contract_status" AS ENUM ('draft', 'active', 'suspended', 'ended');

-- CreateEnum
CREATE TYPE "service_plan_trigger" AS ENUM ('fixed_dates', 'frequency', 'usage_counter');

-- CreateEnum
CREATE TYPE "intervention_kind" AS ENUM ('corrective', 'preventive', 'installation', 'regulatory', 'other');

-- CreateEnum
CREATE TYPE "intervention_status" AS ENUM ('requested', 'planned', 'assigned', 'dispatched', 'en_route', 'on_site', 'done', 'closed', 'cancelled');

-- CreateEnum
CREATE TYPE "tour_status" AS ENUM ('draft', 'published', 'in_progress', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "planning_run_status" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "regions" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "regions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agencies" (
    "id" TEXT NOT NULL,
    "region_id" TEXT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "address" TEXT,
    "postcode" TEXT,
    "city" TEXT,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agencies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sectors" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "polygon" JSONB NOT NULL,
    "color" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sectors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "skills" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "skills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "technicians" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "home_address" TEXT,
    "home_lat" DOUBLE PRECISION,
    "home_lon" DOUBLE PRECISION,
    "color" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "technicians_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "technician_skills" (
    "technician_id" TEXT NOT NULL,
    "skill_id" TEXT NOT NULL,
    "level" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "technician_skills_pkey" PRIMARY KEY ("technician_id","skill_id")
);

-- CreateTable
CREATE TABLE "technician_sectors" (
    "technician_id" TEXT NOT NULL,
    "sector_id" TEXT NOT NULL,
    "primary" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "technician_sectors_pkey" PRIMARY KEY ("technician_id","sector_id")
);

-- CreateTable
CREATE TABLE "shifts" (
    "id" TEXT NOT NULL,
    "technician_id" TEXT NOT NULL,
    "weekday" INTEGER,
    "date" DATE,
    "start_minute" INTEGER NOT NULL,
    "end_minute" INTEGER NOT NULL,
    "break_minutes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "shifts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "absences" (
    "id" TEXT NOT NULL,
    "technician_id" TEXT NOT NULL,
    "kind" "absence_kind" NOT NULL DEFAULT 'leave',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "absences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "user_role" NOT NULL,
    "technician_id" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_agencies" (
    "user_id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,

    CONSTRAINT "user_agencies_pkey" PRIMARY KEY ("user_id","agency_id")
);

-- CreateTable
CREATE TABLE "customers" (
    "id" TEXT NOT NULL,
    "reference" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sites" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "sector_id" TEXT,
    "name" TEXT,
    "address" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "country" TEXT NOT NULL DEFAULT 'FR',
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "access_notes" TEXT,
    "contact_name" TEXT,
    "contact_phone" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "equipment" (
    "id" TEXT NOT NULL,
    "site_id" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "brand" TEXT,
    "model" TEXT,
    "serial_number" TEXT,
    "as_sold" JSONB NOT NULL DEFAULT '{}',
    "as_maintained" JSONB NOT NULL DEFAULT '{}',
    "installed_on" DATE,
    "warranty_ends_on" DATE,
    "counters" JSONB NOT NULL DEFAULT '{}',
    "counters_read_at" TIMESTAMPTZ(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "equipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "equipment_events" (
    "id" TEXT NOT NULL,
    "equipment_id" TEXT NOT NULL,
    "intervention_id" TEXT,
    "author_id" TEXT,
    "kind" "equipment_event_kind" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "summary" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "equipment_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contracts" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "name" TEXT,
    "status" "contract_status" NOT NULL DEFAULT 'active',
    "starts_on" DATE NOT NULL,
    "ends_on" DATE,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contracts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_plans" (
    "id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "site_id" TEXT NOT NULL,
    "equipment_id" TEXT,
    "name" TEXT NOT NULL,
    "trigger" "service_plan_trigger" NOT NULL,
    "fixed_dates" DATE[],
    "frequency_months" INTEGER,
    "counter_name" TEXT,
    "counter_interval" DOUBLE PRECISION,
    "intervention_kind" "intervention_kind" NOT NULL DEFAULT 'preventive',
    "description" TEXT,
    "required_skills" JSONB NOT NULL DEFAULT '[]',
    "estimated_duration_minutes" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 30,
    "lead_days" INTEGER NOT NULL DEFAULT 30,
    "last_done_on" DATE,
    "last_done_counter" DOUBLE PRECISION,
    "next_due_on" DATE,
    "next_due_counter" DOUBLE PRECISION,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "service_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "interventions" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "kind" "intervention_kind" NOT NULL DEFAULT 'corrective',
    "status" "intervention_status" NOT NULL DEFAULT 'requested',
    "cancel_reason" TEXT,
    "problem_description" TEXT,
    "report" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 50,
    "sla_deadline" TIMESTAMPTZ(3),
    "time_windows" JSONB NOT NULL DEFAULT '[]',
    "earliest_date" DATE,
    "latest_date" DATE,
    "estimated_duration_minutes" INTEGER NOT NULL,
    "site_id" TEXT NOT NULL,
    "equipment_id" TEXT,
    "contract_id" TEXT,
    "service_plan_id" TEXT,
    "technician_id" TEXT,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "planned_start" TIMESTAMPTZ(3),
    "planned_end" TIMESTAMPTZ(3),
    "actual_start" TIMESTAMPTZ(3),
    "actual_end" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "interventions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "intervention_skills" (
    "intervention_id" TEXT NOT NULL,
    "skill_id" TEXT NOT NULL,
    "min_level" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "intervention_skills_pkey" PRIMARY KEY ("intervention_id","skill_id")
);

-- CreateTable
CREATE TABLE "tours" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "technician_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "status" "tour_status" NOT NULL DEFAULT 'draft',
    "kpis" JSONB NOT NULL DEFAULT '{}',
    "planning_run_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tour_stops" (
    "id" TEXT NOT NULL,
    "tour_id" TEXT NOT NULL,
    "intervention_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "planned_arrival" TIMESTAMPTZ(3),
    "planned_start" TIMESTAMPTZ(3),
    "planned_end" TIMESTAMPTZ(3),
    "travel_seconds" INTEGER,
    "travel_meters" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tour_stops_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "technician_positions" (
    "id" TEXT NOT NULL,
    "technician_id" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "heading" DOUBLE PRECISION,
    "speed" DOUBLE PRECISION,
    "accuracy" DOUBLE PRECISION,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "technician_positions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "planning_runs" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "requested_by_id" TEXT,
    "days" DATE[],
    "status" "planning_run_status" NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "input" JSONB,
    "result" JSONB,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "planning_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "regions_code_key" ON "regions"("code");

-- CreateIndex
CREATE UNIQUE INDEX "agencies_code_key" ON "agencies"("code");

-- CreateIndex
CREATE INDEX "agencies_region_id_idx" ON "agencies"("region_id");

-- CreateIndex
CREATE UNIQUE INDEX "sectors_agency_id_code_key" ON "sectors"("agency_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "skills_code_key" ON "skills"("code");

-- CreateIndex
CREATE INDEX "technicians_agency_id_idx" ON "technicians"("agency_id");

-- CreateIndex
CREATE INDEX "technician_skills_skill_id_idx" ON "technician_skills"("skill_id");

-- CreateIndex
CREATE INDEX "technician_sectors_sector_id_idx" ON "technician_sectors"("sector_id");

-- CreateIndex
CREATE INDEX "shifts_technician_id_weekday_idx" ON "shifts"("technician_id", "weekday");

-- CreateIndex
CREATE INDEX "shifts_technician_id_date_idx" ON "shifts"("technician_id", "date");

-- CreateIndex
CREATE INDEX "absences_technician_id_starts_at_idx" ON "absences"("technician_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_technician_id_key" ON "users"("technician_id");

-- CreateIndex
CREATE INDEX "user_agencies_agency_id_idx" ON "user_agencies"("agency_id");

-- CreateIndex
CREATE UNIQUE INDEX "customers_reference_key" ON "customers"("reference");

-- CreateIndex
CREATE INDEX "customers_name_idx" ON "customers"("name");

-- CreateIndex
CREATE INDEX "sites_customer_id_idx" ON "sites"("customer_id");

-- CreateIndex
CREATE INDEX "sites_sector_id_idx" ON "sites"("sector_id");

-- CreateIndex
CREATE INDEX "sites_postcode_idx" ON "sites"("postcode");

-- CreateIndex
CREATE INDEX "equipment_site_id_idx" ON "equipment"("site_id");

-- CreateIndex
CREATE INDEX "equipment_serial_number_idx" ON "equipment"("serial_number");

-- CreateIndex
CREATE INDEX "equipment_events_equipment_id_occurred_at_idx" ON "equipment_events"("equipment_id", "occurred_at");

-- CreateIndex
CREATE INDEX "equipment_events_intervention_id_idx" ON "equipment_events"("intervention_id");

-- CreateIndex
CREATE UNIQUE INDEX "contracts_reference_key" ON "contracts"("reference");

-- CreateIndex
CREATE INDEX "contracts_customer_id_idx" ON "contracts"("customer_id");

-- CreateIndex
CREATE INDEX "service_plans_contract_id_idx" ON "service_plans"("contract_id");

-- CreateIndex
CREATE INDEX "service_plans_site_id_idx" ON "service_plans"("site_id");

-- CreateIndex
CREATE INDEX "service_plans_equipment_id_idx" ON "service_plans"("equipment_id");

-- CreateIndex
CREATE INDEX "service_plans_active_next_due_on_idx" ON "service_plans"("active", "next_due_on");

-- CreateIndex
CREATE INDEX "interventions_agency_id_status_idx" ON "interventions"("agency_id", "status");

-- CreateIndex
CREATE INDEX "interventions_technician_id_planned_start_idx" ON "interventions"("technician_id", "planned_start");

-- CreateIndex
CREATE INDEX "interventions_site_id_idx" ON "interventions"("site_id");

-- CreateIndex
CREATE INDEX "interventions_equipment_id_idx" ON "interventions"("equipment_id");

-- CreateIndex
CREATE INDEX "interventions_contract_id_idx" ON "interventions"("contract_id");

-- CreateIndex
CREATE INDEX "interventions_service_plan_id_idx" ON "interventions"("service_plan_id");

-- CreateIndex
CREATE INDEX "intervention_skills_skill_id_idx" ON "intervention_skills"("skill_id");

-- CreateIndex
CREATE INDEX "tours_agency_id_date_idx" ON "tours"("agency_id", "date");

-- CreateIndex
CREATE INDEX "tours_planning_run_id_idx" ON "tours"("planning_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "tours_technician_id_date_key" ON "tours"("technician_id", "date");

-- CreateIndex
CREATE INDEX "tour_stops_tour_id_sequence_idx" ON "tour_stops"("tour_id", "sequence");

-- CreateIndex
CREATE INDEX "tour_stops_intervention_id_idx" ON "tour_stops"("intervention_id");

-- CreateIndex
CREATE UNIQUE INDEX "tour_stops_tour_id_intervention_id_key" ON "tour_stops"("tour_id", "intervention_id");

-- CreateIndex
CREATE INDEX "technician_positions_technician_id_recorded_at_idx" ON "technician_positions"("technician_id", "recorded_at" DESC);

-- CreateIndex
CREATE INDEX "technician_positions_recorded_at_idx" ON "technician_positions"("recorded_at");

-- CreateIndex
CREATE INDEX "planning_runs_agency_id_created_at_idx" ON "planning_runs"("agency_id", "created_at");

-- CreateIndex
CREATE INDEX "planning_runs_status_idx" ON "planning_runs"("status");

-- AddForeignKey
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sectors" ADD CONSTRAINT "sectors_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "technicians" ADD CONSTRAINT "technicians_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "technician_skills" ADD CONSTRAINT "technician_skills_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "technician_skills" ADD CONSTRAINT "technician_skills_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "technician_sectors" ADD CONSTRAINT "technician_sectors_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "technician_sectors" ADD CONSTRAINT "technician_sectors_sector_id_fkey" FOREIGN KEY ("sector_id") REFERENCES "sectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "absences" ADD CONSTRAINT "absences_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_agencies" ADD CONSTRAINT "user_agencies_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_agencies" ADD CONSTRAINT "user_agencies_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sites" ADD CONSTRAINT "sites_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sites" ADD CONSTRAINT "sites_sector_id_fkey" FOREIGN KEY ("sector_id") REFERENCES "sectors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "equipment" ADD CONSTRAINT "equipment_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "equipment_events" ADD CONSTRAINT "equipment_events_equipment_id_fkey" FOREIGN KEY ("equipment_id") REFERENCES "equipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "equipment_events" ADD CONSTRAINT "equipment_events_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "equipment_events" ADD CONSTRAINT "equipment_events_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_equipment_id_fkey" FOREIGN KEY ("equipment_id") REFERENCES "equipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_equipment_id_fkey" FOREIGN KEY ("equipment_id") REFERENCES "equipment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_service_plan_id_fkey" FOREIGN KEY ("service_plan_id") REFERENCES "service_plans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intervention_skills" ADD CONSTRAINT "intervention_skills_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intervention_skills" ADD CONSTRAINT "intervention_skills_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tours" ADD CONSTRAINT "tours_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tours" ADD CONSTRAINT "tours_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tours" ADD CONSTRAINT "tours_planning_run_id_fkey" FOREIGN KEY ("planning_run_id") REFERENCES "planning_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tour_stops" ADD CONSTRAINT "tour_stops_tour_id_fkey" FOREIGN KEY ("tour_id") REFERENCES "tours"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tour_stops" ADD CONSTRAINT "tour_stops_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "technician_positions" ADD CONSTRAINT "technician_positions_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "planning_runs" ADD CONSTRAINT "planning_runs_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "planning_runs" ADD CONSTRAINT "planning_runs_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
