-- CreateTable
CREATE TABLE "technician_outboxes" (
    "technician_id" TEXT NOT NULL,
    "last_sequence" INTEGER NOT NULL DEFAULT 0,
    "acked_sequence" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "technician_outboxes_pkey" PRIMARY KEY ("technician_id")
);

-- CreateTable
CREATE TABLE "technician_outbox_messages" (
    "technician_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "technician_outbox_messages_pkey" PRIMARY KEY ("technician_id","sequence")
);

-- CreateIndex
CREATE INDEX "technician_outbox_messages_created_at_idx" ON "technician_outbox_messages"("created_at");

-- AddForeignKey
ALTER TABLE "technician_outboxes" ADD CONSTRAINT "technician_outboxes_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "technician_outbox_messages" ADD CONSTRAINT "technician_outbox_messages_technician_id_fkey" FOREIGN KEY ("technician_id") REFERENCES "technicians"("id") ON DELETE CASCADE ON UPDATE CASCADE;
