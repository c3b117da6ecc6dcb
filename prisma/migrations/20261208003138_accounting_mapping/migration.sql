-- CreateTable
CREATE TABLE "accounting_settings" (
    "id" TEXT NOT NULL DEFAULT 'company',
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "customer_aux_prefix" TEXT NOT NULL DEFAULT '',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" TEXT,

    CONSTRAINT "accounting_settings_pkey" PRIMARY KEY ("id")
);
