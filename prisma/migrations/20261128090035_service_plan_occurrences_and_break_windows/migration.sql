-- AlterTable
ALTER TABLE "interventions" ADD COLUMN     "due_counter" DOUBLE PRECISION,
ADD COLUMN     "due_on" DATE;

-- AlterTable
ALTER TABLE "shifts" ADD COLUMN     "break_end_minute" INTEGER,
ADD COLUMN     "break_start_minute" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "interventions_service_plan_id_due_on_key" ON "interventions"("service_plan_id", "due_on");

-- CreateIndex
CREATE UNIQUE INDEX "interventions_service_plan_id_due_counter_key" ON "interventions"("service_plan_id", "due_counter");
