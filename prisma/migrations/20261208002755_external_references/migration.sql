-- AlterTable
ALTER TABLE "equipment" ADD COLUMN     "reference" TEXT;

-- AlterTable
ALTER TABLE "interventions" ADD COLUMN     "reference" TEXT;

-- AlterTable
ALTER TABLE "sites" ADD COLUMN     "reference" TEXT;

-- AlterTable
ALTER TABLE "technicians" ADD COLUMN     "reference" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "equipment_reference_key" ON "equipment"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "interventions_reference_key" ON "interventions"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "sites_reference_key" ON "sites"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "technicians_reference_key" ON "technicians"("reference");
