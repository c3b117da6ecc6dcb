-- AlterTable
ALTER TABLE "users" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;
