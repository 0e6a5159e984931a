-- inbound: which instance holds a server's IMAP IDLE connection, until when (renewed while held; an expired
-- lease, left by a stopped or crashed instance, is taken over by another)
ALTER TABLE incoming_servers ADD COLUMN idle_owner VARCHAR(255);
ALTER TABLE incoming_servers ADD COLUMN idle_until TIMESTAMP WITH TIME ZONE;
