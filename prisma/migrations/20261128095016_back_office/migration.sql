-- CreateEnum
CREATE TYPE "warranty_kind" AS ENUM ('manufacturer', 'ours', 'extended');

-- CreateEnum
CREATE TYPE "warranty_origin" AS ENUM ('sale', 'repair', 'purchase');

-- CreateEnum
CREATE TYPE "coverage_status" AS ENUM ('covered', 'partly_covered', 'not_covered');

-- CreateEnum
CREATE TYPE "warranty_claim_kind" AS ENUM ('repair', 'part', 'exchange');

-- CreateEnum
CREATE TYPE "warranty_claim_status" AS ENUM ('draft', 'submitted', 'accepted', 'refused', 'credited', 'closed');

-- CreateEnum
CREATE TYPE "depot_kind" AS ENUM ('central', 'van');

-- CreateEnum
CREATE TYPE "stock_movement_kind" AS ENUM ('receipt', 'consumption', 'transfer_out', 'transfer_in', 'return', 'adjustment', 'sale');

-- CreateEnum
CREATE TYPE "supplier_order_status" AS ENUM ('draft', 'ordered', 'partially_received', 'received', 'cancelled');

-- CreateEnum
CREATE TYPE "customer_order_status" AS ENUM ('open', 'delivered', 'cancelled');

-- CreateEnum
CREATE TYPE "reservation_status" AS ENUM ('active', 'consumed', 'released');

-- CreateEnum
CREATE TYPE "billing_document_kind" AS ENUM ('quote', 'invoice', 'credit_note');

-- CreateEnum
CREATE TYPE "billing_document_status" AS ENUM ('draft', 'issued', 'accepted', 'declined');

-- CreateEnum
CREATE TYPE "billing_line_kind" AS ENUM ('labour', 'travel', 'part', 'fee', 'other');

-- CreateEnum
CREATE TYPE "payment_method" AS ENUM ('transfer', 'card', 'cheque', 'cash', 'direct_debit');

-- CreateEnum
CREATE TYPE "premises_kind" AS ENUM ('housing', 'business');

-- CreateTable
CREATE TABLE "suppliers" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "account_number" TEXT,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "suppliers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "parts" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit_cost_cents" INTEGER NOT NULL,
    "unit_price_cents" INTEGER NOT NULL,
    "preferred_supplier_id" TEXT,
    "energy_efficient" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "parts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "depots" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "depot_kind" NOT NULL,
    "technician_id" TEXT,
    "allow_negative" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "depots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_levels" (
    "part_id" TEXT NOT NULL,
    "depot_id" TEXT NOT NULL,
    "on_hand" INTEGER NOT NULL DEFAULT 0,
    "min_quantity" INTEGER,
    "max_quantity" INTEGER,
    "bin" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_levels_pkey" PRIMARY KEY ("part_id","depot_id")
);

-- CreateTable
CREATE TABLE "stock_movements" (
    "id" TEXT NOT NULL,
    "part_id" TEXT NOT NULL,
    "depot_id" TEXT NOT NULL,
    "kind" "stock_movement_kind" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_cost_cents" INTEGER NOT NULL,
    "intervention_id" TEXT,
    "supplier_order_line_id" TEXT,
    "customer_order_line_id" TEXT,
    "equipment_id" TEXT,
    "batch_id" TEXT NOT NULL,
    "reason" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_movements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supplier_orders" (
    "id" TEXT NOT NULL,
    "supplier_id" TEXT NOT NULL,
    "depot_id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "status" "supplier_order_status" NOT NULL DEFAULT 'draft',
    "ordered_on" DATE,
    "expected_on" DATE,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "supplier_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supplier_order_lines" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "part_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "received_quantity" INTEGER NOT NULL DEFAULT 0,
    "unit_cost_cents" INTEGER NOT NULL,

    CONSTRAINT "supplier_order_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_orders" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "depot_id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "status" "customer_order_status" NOT NULL DEFAULT 'open',
    "due_on" DATE NOT NULL,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_order_lines" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "part_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "delivered_quantity" INTEGER NOT NULL DEFAULT 0,
    "unit_price_cents" INTEGER NOT NULL,

    CONSTRAINT "customer_order_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "intervention_parts" (
    "intervention_id" TEXT NOT NULL,
    "part_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "intervention_parts_pkey" PRIMARY KEY ("intervention_id","part_id")
);

-- CreateTable
CREATE TABLE "stock_reservations" (
    "id" TEXT NOT NULL,
    "intervention_id" TEXT NOT NULL,
    "part_id" TEXT NOT NULL,
    "depot_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" "reservation_status" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stock_reservations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warranties" (
    "id" TEXT NOT NULL,
    "equipment_id" TEXT NOT NULL,
    "kind" "warranty_kind" NOT NULL,
    "origin" "warranty_origin" NOT NULL DEFAULT 'sale',
    "supplier_id" TEXT,
    "reference" TEXT,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "labour_percent" INTEGER NOT NULL DEFAULT 100,
    "parts_percent" INTEGER NOT NULL DEFAULT 100,
    "travel_percent" INTEGER NOT NULL DEFAULT 100,
    "price_cents" INTEGER,
    "budget_cents" INTEGER,
    "source_intervention_id" TEXT,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "warranties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_terms" (
    "contract_id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "fee_cents" INTEGER NOT NULL,
    "period_months" INTEGER NOT NULL DEFAULT 12,
    "next_period_start" DATE NOT NULL,
    "labour_percent" INTEGER NOT NULL DEFAULT 0,
    "parts_percent" INTEGER NOT NULL DEFAULT 0,
    "travel_percent" INTEGER NOT NULL DEFAULT 0,
    "budget_cents" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contract_terms_pkey" PRIMARY KEY ("contract_id")
);

-- CreateTable
CREATE TABLE "intervention_coverages" (
    "intervention_id" TEXT NOT NULL,
    "status" "coverage_status" NOT NULL,
    "rule_code" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "warranty_id" TEXT,
    "contract_id" TEXT,
    "supplier_id" TEXT,
    "labour_percent" INTEGER NOT NULL,
    "parts_percent" INTEGER NOT NULL,
    "travel_percent" INTEGER NOT NULL,
    "occasion" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "intervention_coverages_pkey" PRIMARY KEY ("intervention_id")
);

-- CreateTable
CREATE TABLE "warranty_claims" (
    "id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    "supplier_id" TEXT NOT NULL,
    "warranty_id" TEXT,
    "equipment_id" TEXT,
    "intervention_id" TEXT,
    "invoice_id" TEXT,
    "kind" "warranty_claim_kind" NOT NULL,
    "status" "warranty_claim_status" NOT NULL DEFAULT 'draft',
    "reference" TEXT NOT NULL,
    "supplier_reference" TEXT,
    "expected_credit_cents" INTEGER NOT NULL,
    "received_credit_cents" INTEGER NOT NULL DEFAULT 0,
    "credit_note_reference" TEXT,
    "submitted_on" DATE,
    "answered_on" DATE,
    "credited_on" DATE,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "warranty_claims_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "site_vat_profiles" (
    "site_id" TEXT NOT NULL,
    "premises" "premises_kind" NOT NULL,
    "completed_on" DATE,
    "attestation_received_on" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "site_vat_profiles_pkey" PRIMARY KEY ("site_id")
);

-- CreateTable
CREATE TABLE "billing_settings" (
    "agency_id" TEXT NOT NULL,
    "labour_hourly_rate_cents" INTEGER NOT NULL,
    "travel_flat_cents" INTEGER NOT NULL,
    "payment_terms_days" INTEGER NOT NULL DEFAULT 30,
    "quote_validity_days" INTEGER NOT NULL DEFAULT 30,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "billing_settings_pkey" PRIMARY KEY ("agency_id")
);

-- CreateTable
CREATE TABLE "billing_documents" (
    "id" TEXT NOT NULL,
    "kind" "billing_document_kind" NOT NULL,
    "status" "billing_document_status" NOT NULL DEFAULT 'draft',
    "series" TEXT,
    "number" TEXT,
    "agency_id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "site_id" TEXT,
    "intervention_id" TEXT,
    "contract_id" TEXT,
    "credited_invoice_id" TEXT,
    "quote_id" TEXT,
    "period_start" DATE,
    "period_end" DATE,
    "issued_on" DATE,
    "due_on" DATE,
    "valid_until" DATE,
    "customer_name" TEXT NOT NULL,
    "customer_reference" TEXT,
    "vat_context" JSONB NOT NULL DEFAULT '{}',
    "coverage_status" "coverage_status",
    "coverage_rule" TEXT,
    "gross_cents" INTEGER NOT NULL DEFAULT 0,
    "covered_cents" INTEGER NOT NULL DEFAULT 0,
    "net_cents" INTEGER NOT NULL DEFAULT 0,
    "vat_cents" INTEGER NOT NULL DEFAULT 0,
    "total_cents" INTEGER NOT NULL DEFAULT 0,
    "supplier_share_cents" INTEGER NOT NULL DEFAULT 0,
    "vat_breakdown" JSONB NOT NULL DEFAULT '[]',
    "notes" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "billing_documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_lines" (
    "id" TEXT NOT NULL,
    "document_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "billing_line_kind" NOT NULL,
    "description" TEXT NOT NULL,
    "part_id" TEXT,
    "quantity_milli" INTEGER NOT NULL,
    "unit_price_cents" INTEGER NOT NULL,
    "gross_cents" INTEGER NOT NULL,
    "coverage_percent" INTEGER NOT NULL DEFAULT 0,
    "covered_cents" INTEGER NOT NULL DEFAULT 0,
    "net_cents" INTEGER NOT NULL,
    "vat_rate_bp" INTEGER NOT NULL,
    "vat_rule" TEXT NOT NULL,
    "warranty_id" TEXT,
    "contract_id" TEXT,
    "supplier_id" TEXT,
    "supplier_share_cents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "billing_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_counters" (
    "series" TEXT NOT NULL,
    "last_number" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "document_counters_pkey" PRIMARY KEY ("series")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" TEXT NOT NULL,
    "invoice_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "received_on" DATE NOT NULL,
    "method" "payment_method" NOT NULL,
    "reference" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journal_entries" (
    "id" TEXT NOT NULL,
    "journal" TEXT NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "label" TEXT NOT NULL,
    "piece_ref" TEXT NOT NULL,
    "piece_date" DATE NOT NULL,
    "source_kind" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "agency_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "journal_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journal_lines" (
    "id" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "account" TEXT NOT NULL,
    "account_label" TEXT NOT NULL,
    "aux_account" TEXT,
    "aux_label" TEXT,
    "label" TEXT NOT NULL,
    "debit_cents" INTEGER NOT NULL DEFAULT 0,
    "credit_cents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "journal_lines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "suppliers_code_key" ON "suppliers"("code");

-- CreateIndex
CREATE UNIQUE INDEX "parts_reference_key" ON "parts"("reference");

-- CreateIndex
CREATE INDEX "parts_preferred_supplier_id_idx" ON "parts"("preferred_supplier_id");

-- CreateIndex
CREATE UNIQUE INDEX "depots_technician_id_key" ON "depots"("technician_id");

-- CreateIndex
CREATE UNIQUE INDEX "depots_agency_id_code_key" ON "depots"("agency_id", "code");

-- CreateIndex
CREATE INDEX "stock_levels_depot_id_idx" ON "stock_levels"("depot_id");

-- CreateIndex
CREATE INDEX "stock_movements_part_id_depot_id_idx" ON "stock_movements"("part_id", "depot_id");

-- CreateIndex
CREATE INDEX "stock_movements_depot_id_occurred_at_idx" ON "stock_movements"("depot_id", "occurred_at");

-- CreateIndex
CREATE INDEX "stock_movements_intervention_id_idx" ON "stock_movements"("intervention_id");

-- CreateIndex
CREATE INDEX "stock_movements_supplier_order_line_id_idx" ON "stock_movements"("supplier_order_line_id");

-- CreateIndex
CREATE INDEX "stock_movements_customer_order_line_id_idx" ON "stock_movements"("customer_order_line_id");

-- CreateIndex
CREATE INDEX "stock_movements_equipment_id_idx" ON "stock_movements"("equipment_id");

-- CreateIndex
CREATE INDEX "stock_movements_occurred_at_idx" ON "stock_movements"("occurred_at");

-- CreateIndex
CREATE INDEX "stock_movements_batch_id_idx" ON "stock_movements"("batch_id");

-- CreateIndex
CREATE UNIQUE INDEX "supplier_orders_reference_key" ON "supplier_orders"("reference");

-- CreateIndex
CREATE INDEX "supplier_orders_supplier_id_idx" ON "supplier_orders"("supplier_id");

-- CreateIndex
CREATE INDEX "supplier_orders_depot_id_status_idx" ON "supplier_orders"("depot_id", "status");

-- CreateIndex
CREATE INDEX "supplier_order_lines_order_id_idx" ON "supplier_order_lines"("order_id");

-- CreateIndex
CREATE INDEX "supplier_order_lines_part_id_idx" ON "supplier_order_lines"("part_id");

-- CreateIndex
CREATE UNIQUE INDEX "customer_orders_reference_key" ON "customer_orders"("reference");

-- CreateIndex
CREATE INDEX "customer_orders_customer_id_idx" ON "customer_orders"("customer_id");

-- CreateIndex
CREATE INDEX "customer_orders_depot_id_status_idx" ON "customer_orders"("depot_id", "status");

-- CreateIndex
CREATE INDEX "customer_order_lines_order_id_idx" ON "customer_order_lines"("order_id");

-- CreateIndex
CREATE INDEX "customer_order_lines_part_id_idx" ON "customer_order_lines"("part_id");

-- CreateIndex
CREATE INDEX "intervention_parts_part_id_idx" ON "intervention_parts"("part_id");

-- CreateIndex
CREATE INDEX "stock_reservations_part_id_depot_id_status_idx" ON "stock_reservations"("part_id", "depot_id", "status");

-- CreateIndex
CREATE INDEX "stock_reservations_intervention_id_status_idx" ON "stock_reservations"("intervention_id", "status");

-- CreateIndex
CREATE INDEX "warranties_equipment_id_ends_on_idx" ON "warranties"("equipment_id", "ends_on");

-- CreateIndex
CREATE INDEX "warranties_supplier_id_idx" ON "warranties"("supplier_id");

-- CreateIndex
CREATE INDEX "contract_terms_agency_id_idx" ON "contract_terms"("agency_id");

-- CreateIndex
CREATE UNIQUE INDEX "warranty_claims_reference_key" ON "warranty_claims"("reference");

-- CreateIndex
CREATE INDEX "warranty_claims_agency_id_status_idx" ON "warranty_claims"("agency_id", "status");

-- CreateIndex
CREATE INDEX "warranty_claims_supplier_id_status_idx" ON "warranty_claims"("supplier_id", "status");

-- CreateIndex
CREATE INDEX "warranty_claims_intervention_id_idx" ON "warranty_claims"("intervention_id");

-- CreateIndex
CREATE UNIQUE INDEX "billing_documents_number_key" ON "billing_documents"("number");

-- CreateIndex
CREATE INDEX "billing_documents_agency_id_kind_status_idx" ON "billing_documents"("agency_id", "kind", "status");

-- CreateIndex
CREATE INDEX "billing_documents_customer_id_idx" ON "billing_documents"("customer_id");

-- CreateIndex
CREATE INDEX "billing_documents_intervention_id_idx" ON "billing_documents"("intervention_id");

-- CreateIndex
CREATE INDEX "billing_documents_credited_invoice_id_idx" ON "billing_documents"("credited_invoice_id");

-- CreateIndex
CREATE UNIQUE INDEX "billing_documents_kind_contract_id_period_start_key" ON "billing_documents"("kind", "contract_id", "period_start");

-- CreateIndex
CREATE INDEX "billing_lines_warranty_id_idx" ON "billing_lines"("warranty_id");

-- CreateIndex
CREATE INDEX "billing_lines_contract_id_idx" ON "billing_lines"("contract_id");

-- CreateIndex
CREATE UNIQUE INDEX "billing_lines_document_id_position_key" ON "billing_lines"("document_id", "position");

-- CreateIndex
CREATE INDEX "payments_invoice_id_idx" ON "payments"("invoice_id");

-- CreateIndex
CREATE INDEX "journal_entries_date_idx" ON "journal_entries"("date");

-- CreateIndex
CREATE UNIQUE INDEX "journal_entries_journal_fiscal_year_number_key" ON "journal_entries"("journal", "fiscal_year", "number");

-- CreateIndex
CREATE UNIQUE INDEX "journal_entries_source_kind_source_id_key" ON "journal_entries"("source_kind", "source_id");

-- CreateIndex
CREATE INDEX "journal_lines_account_idx" ON "journal_lines"("account");

-- CreateIndex
CREATE UNIQUE INDEX "journal_lines_entry_id_position_key" ON "journal_lines"("entry_id", "position");

-- AddForeignKey
ALTER TABLE "parts" ADD CONSTRAINT "parts_preferred_supplier_id_fkey" FOREIGN KEY ("preferred_supplier_id") REFERENCES "suppliers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "depots" ADD CONSTRAINT "depots_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "depots" ADD CONSTRAINT "depots_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "parts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_depot_id_fkey" FOREIGN KEY ("depot_id") REFERENCES "depots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "parts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_depot_id_fkey" FOREIGN KEY ("depot_id") REFERENCES "depots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_supplier_order_line_id_fkey" FOREIGN KEY ("supplier_order_line_id") REFERENCES "supplier_order_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_customer_order_line_id_fkey" FOREIGN KEY ("customer_order_line_id") REFERENCES "customer_order_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_equipment_id_fkey" FOREIGN KEY ("equipment_id") REFERENCES "equipment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_orders" ADD CONSTRAINT "supplier_orders_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_orders" ADD CONSTRAINT "supplier_orders_depot_id_fkey" FOREIGN KEY ("depot_id") REFERENCES "depots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_order_lines" ADD CONSTRAINT "supplier_order_lines_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "supplier_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_order_lines" ADD CONSTRAINT "supplier_order_lines_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "parts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_orders" ADD CONSTRAINT "customer_orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_orders" ADD CONSTRAINT "customer_orders_depot_id_fkey" FOREIGN KEY ("depot_id") REFERENCES "depots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_order_lines" ADD CONSTRAINT "customer_order_lines_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "customer_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_order_lines" ADD CONSTRAINT "customer_order_lines_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "parts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intervention_parts" ADD CONSTRAINT "intervention_parts_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intervention_parts" ADD CONSTRAINT "intervention_parts_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "parts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_reservations" ADD CONSTRAINT "stock_reservations_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_reservations" ADD CONSTRAINT "stock_reservations_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "parts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_reservations" ADD CONSTRAINT "stock_reservations_depot_id_fkey" FOREIGN KEY ("depot_id") REFERENCES "depots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warranties" ADD CONSTRAINT "warranties_equipment_id_fkey" FOREIGN KEY ("equipment_id") REFERENCES "equipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warranties" ADD CONSTRAINT "warranties_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warranties" ADD CONSTRAINT "warranties_source_intervention_id_fkey" FOREIGN KEY ("source_intervention_id") REFERENCES "interventions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_terms" ADD CONSTRAINT "contract_terms_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_terms" ADD CONSTRAINT "contract_terms_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intervention_coverages" ADD CONSTRAINT "intervention_coverages_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warranty_claims" ADD CONSTRAINT "warranty_claims_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warranty_claims" ADD CONSTRAINT "warranty_claims_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warranty_claims" ADD CONSTRAINT "warranty_claims_warranty_id_fkey" FOREIGN KEY ("warranty_id") REFERENCES "warranties"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warranty_claims" ADD CONSTRAINT "warranty_claims_equipment_id_fkey" FOREIGN KEY ("equipment_id") REFERENCES "equipment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warranty_claims" ADD CONSTRAINT "warranty_claims_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warranty_claims" ADD CONSTRAINT "warranty_claims_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_vat_profiles" ADD CONSTRAINT "site_vat_profiles_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_settings" ADD CONSTRAINT "billing_settings_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_documents" ADD CONSTRAINT "billing_documents_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_documents" ADD CONSTRAINT "billing_documents_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_documents" ADD CONSTRAINT "billing_documents_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_documents" ADD CONSTRAINT "billing_documents_intervention_id_fkey" FOREIGN KEY ("intervention_id") REFERENCES "interventions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_documents" ADD CONSTRAINT "billing_documents_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_documents" ADD CONSTRAINT "billing_documents_credited_invoice_id_fkey" FOREIGN KEY ("credited_invoice_id") REFERENCES "billing_documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_documents" ADD CONSTRAINT "billing_documents_quote_id_fkey" FOREIGN KEY ("quote_id") REFERENCES "billing_documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_lines" ADD CONSTRAINT "billing_lines_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "billing_documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_lines" ADD CONSTRAINT "billing_lines_part_id_fkey" FOREIGN KEY ("part_id") REFERENCES "parts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_lines" ADD CONSTRAINT "billing_lines_warranty_id_fkey" FOREIGN KEY ("warranty_id") REFERENCES "warranties"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "billing_documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ─── Hand-written: invariants Prisma's schema language cannot express ──────
-- Errors raised here start with "tournee:<code>" so the server can map them
-- to a clear answer (server/src/back-office/errors.ts).

-- Value checks.
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_quantity_not_zero" CHECK ("quantity" <> 0);
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_unit_cost_not_negative" CHECK ("unit_cost_cents" >= 0);
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_min_max" CHECK ("min_quantity" IS NULL OR "max_quantity" IS NULL OR "min_quantity" <= "max_quantity");
ALTER TABLE "stock_reservations" ADD CONSTRAINT "stock_reservations_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "intervention_parts" ADD CONSTRAINT "intervention_parts_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "supplier_order_lines" ADD CONSTRAINT "supplier_order_lines_quantities" CHECK ("quantity" > 0 AND "received_quantity" >= 0);
ALTER TABLE "customer_order_lines" ADD CONSTRAINT "customer_order_lines_quantities" CHECK ("quantity" > 0 AND "delivered_quantity" >= 0 AND "delivered_quantity" <= "quantity");
ALTER TABLE "warranties" ADD CONSTRAINT "warranties_dates" CHECK ("ends_on" >= "starts_on");
ALTER TABLE "warranties" ADD CONSTRAINT "warranties_percents" CHECK ("labour_percent" BETWEEN 0 AND 100 AND "parts_percent" BETWEEN 0 AND 100 AND "travel_percent" BETWEEN 0 AND 100);
ALTER TABLE "contract_terms" ADD CONSTRAINT "contract_terms_percents" CHECK ("labour_percent" BETWEEN 0 AND 100 AND "parts_percent" BETWEEN 0 AND 100 AND "travel_percent" BETWEEN 0 AND 100 AND "fee_cents" >= 0 AND "period_months" > 0);
ALTER TABLE "warranty_claims" ADD CONSTRAINT "warranty_claims_amounts" CHECK ("expected_credit_cents" >= 0 AND "received_credit_cents" >= 0);
ALTER TABLE "billing_lines" ADD CONSTRAINT "billing_lines_values" CHECK ("coverage_percent" BETWEEN 0 AND 100 AND "vat_rate_bp" IN (0, 550, 1000, 2000) AND "gross_cents" = "covered_cents" + "net_cents");
ALTER TABLE "billing_documents" ADD CONSTRAINT "billing_documents_issued_numbered" CHECK ("status" = 'draft' OR ("number" IS NOT NULL AND "series" IS NOT NULL AND "issued_on" IS NOT NULL));
ALTER TABLE "billing_documents" ADD CONSTRAINT "billing_documents_totals" CHECK ("total_cents" = "net_cents" + "vat_cents" AND "gross_cents" = "covered_cents" + "net_cents");
ALTER TABLE "payments" ADD CONSTRAINT "payments_amount_not_zero" CHECK ("amount_cents" <> 0);
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_one_side" CHECK ("debit_cents" >= 0 AND "credit_cents" >= 0 AND ("debit_cents" = 0) <> ("credit_cents" = 0));

-- Records that are history, never rewritten: stock movements, payments and
-- the ledger. A mistake is corrected by a new record (a correcting movement,
-- a reversing payment, a reversing entry).
CREATE FUNCTION "tournee_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'tournee:append_only % rows are never changed or deleted: %', TG_TABLE_NAME, TG_ARGV[0];
END $$;
CREATE TRIGGER "stock_movements_append_only" BEFORE UPDATE OR DELETE ON "stock_movements"
  FOR EACH ROW EXECUTE FUNCTION "tournee_append_only"('record a correcting movement instead');
CREATE TRIGGER "payments_append_only" BEFORE UPDATE OR DELETE ON "payments"
  FOR EACH ROW EXECUTE FUNCTION "tournee_append_only"('record a reversing payment instead');
CREATE TRIGGER "journal_entries_append_only" BEFORE UPDATE OR DELETE ON "journal_entries"
  FOR EACH ROW EXECUTE FUNCTION "tournee_append_only"('post a reversing entry instead');
CREATE TRIGGER "journal_lines_append_only" BEFORE UPDATE OR DELETE ON "journal_lines"
  FOR EACH ROW EXECUTE FUNCTION "tournee_append_only"('post a reversing entry instead');

-- On hand is the running sum of the movements: every movement adds itself to
-- its level row (created on first use). The UPDATE takes the row lock, so
-- concurrent movements of one part in one depot are applied one after the
-- other, and the check below sees the latest quantity: a depot that does not
-- allow it never goes below zero, whatever the application did.
CREATE FUNCTION "tournee_apply_stock_movement"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  level_on_hand integer;
  may_go_negative boolean;
BEGIN
  INSERT INTO "stock_levels" ("part_id", "depot_id", "on_hand", "updated_at")
  VALUES (NEW."part_id", NEW."depot_id", NEW."quantity", now())
  ON CONFLICT ("part_id", "depot_id")
  DO UPDATE SET "on_hand" = "stock_levels"."on_hand" + EXCLUDED."on_hand", "updated_at" = now()
  RETURNING "on_hand" INTO level_on_hand;
  IF NEW."quantity" < 0 AND level_on_hand < 0 THEN
    SELECT "allow_negative" INTO may_go_negative FROM "depots" WHERE "id" = NEW."depot_id";
    IF NOT coalesce(may_go_negative, false) THEN
      RAISE EXCEPTION 'tournee:stock_below_zero part % in depot % would go to % on hand', NEW."part_id", NEW."depot_id", level_on_hand;
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "stock_movements_apply" AFTER INSERT ON "stock_movements"
  FOR EACH ROW EXECUTE FUNCTION "tournee_apply_stock_movement"();

-- Only the trigger above writes on hand (it runs one trigger level deeper):
-- min/max levels and bins stay editable, on hand does not.
CREATE FUNCTION "tournee_guard_stock_level"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 AND (
    (TG_OP = 'INSERT' AND NEW."on_hand" <> 0) OR
    (TG_OP = 'UPDATE' AND NEW."on_hand" IS DISTINCT FROM OLD."on_hand") OR
    (TG_OP = 'DELETE' AND OLD."on_hand" <> 0)
  ) THEN
    RAISE EXCEPTION 'tournee:stock_level_read_only on hand is the sum of the stock movements: record a movement (an inventory adjustment) instead';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "stock_levels_guard" BEFORE INSERT OR UPDATE OR DELETE ON "stock_levels"
  FOR EACH ROW EXECUTE FUNCTION "tournee_guard_stock_level"();

-- An issued invoice or credit note is never edited nor deleted (only
-- credited); an issued quote may only be accepted or declined.
CREATE FUNCTION "tournee_guard_billing_document"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'draft' THEN
      RAISE EXCEPTION 'tournee:document_issued % % is issued: it is never deleted%', OLD."kind", OLD."number",
        CASE WHEN OLD."kind" = 'invoice' THEN ', only credited' ELSE '' END;
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" = 'draft' THEN RETURN NEW; END IF;
  IF OLD."kind" = 'quote' AND OLD."status" = 'issued' AND NEW."status" IN ('accepted', 'declined')
     AND (to_jsonb(NEW) - 'status' - 'updated_at') = (to_jsonb(OLD) - 'status' - 'updated_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'tournee:document_issued % % is issued: it is never edited%', OLD."kind", OLD."number",
    CASE WHEN OLD."kind" = 'invoice' THEN ', only credited' ELSE '' END;
END $$;
CREATE TRIGGER "billing_documents_guard" BEFORE UPDATE OR DELETE ON "billing_documents"
  FOR EACH ROW EXECUTE FUNCTION "tournee_guard_billing_document"();

-- The lines of an issued document are frozen with it. (When a draft is
-- deleted, its lines go by cascade after it: the parent is then not found.)
CREATE FUNCTION "tournee_guard_billing_line"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_status "billing_document_status";
  parent_number text;
BEGIN
  SELECT "status", "number" INTO parent_status, parent_number FROM "billing_documents"
  WHERE "id" = CASE WHEN TG_OP = 'DELETE' THEN OLD."document_id" ELSE NEW."document_id" END;
  IF parent_status IS NOT NULL AND parent_status <> 'draft' THEN
    RAISE EXCEPTION 'tournee:document_issued the lines of % are issued: they are never edited', parent_number;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW."document_id" <> OLD."document_id" THEN
    RAISE EXCEPTION 'tournee:document_issued a line never moves to another document';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "billing_lines_guard" BEFORE INSERT OR UPDATE OR DELETE ON "billing_lines"
  FOR EACH ROW EXECUTE FUNCTION "tournee_guard_billing_line"();

-- Every journal entry balances, checked at commit (its lines are inserted
-- after it, in the same transaction).
CREATE FUNCTION "tournee_check_entry_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  checked_entry text;
  total_debit bigint;
  total_credit bigint;
  line_count integer;
BEGIN
  -- Two statements, not a CASE: PL/pgSQL resolves every field of an expression against the row type.
  IF TG_TABLE_NAME = 'journal_entries' THEN
    checked_entry := NEW."id";
  ELSE
    checked_entry := NEW."entry_id";
  END IF;
  SELECT coalesce(sum("debit_cents"), 0), coalesce(sum("credit_cents"), 0), count(*)
  INTO total_debit, total_credit, line_count
  FROM "journal_lines" WHERE "entry_id" = checked_entry;
  IF line_count < 2 OR total_debit <> total_credit THEN
    RAISE EXCEPTION 'tournee:entry_unbalanced journal entry % has % line(s), debit % and credit %', checked_entry, line_count, total_debit, total_credit;
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "journal_entries_balanced" AFTER INSERT ON "journal_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tournee_check_entry_balanced"();
CREATE CONSTRAINT TRIGGER "journal_lines_balanced" AFTER INSERT ON "journal_lines"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tournee_check_entry_balanced"();
