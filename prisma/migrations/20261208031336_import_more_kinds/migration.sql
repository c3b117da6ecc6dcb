-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "import_kind" ADD VALUE 'stock_levels';
ALTER TYPE "import_kind" ADD VALUE 'technicians';
ALTER TYPE "import_kind" ADD VALUE 'contracts';
ALTER TYPE "import_kind" ADD VALUE 'service_plans';
ALTER TYPE "import_kind" ADD VALUE 'interventions';

-- AlterTable
ALTER TABLE "service_plans" ADD COLUMN     "reference" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "service_plans_reference_key" ON "service_plans"("reference");
