-- CreateEnum
CREATE TYPE "import_kind" AS ENUM ('customers', 'sites', 'equipment', 'suppliers', 'parts');

-- CreateEnum
CREATE TYPE "import_status" AS ENUM ('uploaded', 'checking', 'importing', 'checked', 'imported', 'undone', 'failed');

-- CreateEnum
CREATE TYPE "import_change_action" AS ENUM ('created', 'updated');

-- CreateTable
CREATE TABLE "import_batches" (
    "id" TEXT NOT NULL,
    "kind" "import_kind" NOT NULL,
    "status" "import_status" NOT NULL DEFAULT 'uploaded',
    "file_name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "file" BYTEA NOT NULL,
    "user_id" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "headers" JSONB NOT NULL DEFAULT '[]',
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "dry_run_at" TIMESTAMPTZ(3),
    "imported_at" TIMESTAMPTZ(3),
    "undone_at" TIMESTAMPTZ(3),
    "undone_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_changes" (
    "id" TEXT NOT NULL,
    "batch_id" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "entity" "import_kind" NOT NULL,
    "record_id" TEXT NOT NULL,
    "action" "import_change_action" NOT NULL,
    "before" JSONB,

    CONSTRAINT "import_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_mappings" (
    "kind" "import_kind" NOT NULL,
    "mapping" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "import_mappings_pkey" PRIMARY KEY ("kind")
);

-- CreateIndex
CREATE INDEX "import_batches_created_at_idx" ON "import_batches"("created_at");

-- CreateIndex
CREATE INDEX "import_changes_batch_id_idx" ON "import_changes"("batch_id");

-- AddForeignKey
ALTER TABLE "import_changes" ADD CONSTRAINT "import_changes_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;
