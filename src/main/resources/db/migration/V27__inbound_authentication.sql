-- inbound: the sender checks of each received mail: SPF, DKIM and DMARC as an Authentication-Results header writes
-- them, the DMARC verdict and the From domain's policy, and the From domain when SPF or DKIM passed aligned with it;
-- the pipeline acts on these, and a retried mail acts on them again (its SMTP envelope is not kept)
ALTER TABLE inbound_mails ADD COLUMN authentication VARCHAR(2000);
ALTER TABLE inbound_mails ADD COLUMN dmarc VARCHAR(16);
ALTER TABLE inbound_mails ADD COLUMN dmarc_policy VARCHAR(16);
ALTER TABLE inbound_mails ADD COLUMN authenticated_domain VARCHAR(255);
