-- CreateEnum
CREATE TYPE "plan_decision" AS ENUM ('pending', 'accepted', 'discarded');

-- AlterTable
ALTER TABLE "planning_runs" ADD COLUMN     "decided_at" TIMESTAMPTZ(3),
ADD COLUMN     "decided_by_id" TEXT,
ADD COLUMN     "decision" "plan_decision",
ADD COLUMN     "preview" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "proposal" JSONB;
