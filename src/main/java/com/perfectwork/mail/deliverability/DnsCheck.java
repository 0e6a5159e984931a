package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.core.DomainName;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The DNS check of a sending domain: MX, SPF (evaluated against the outgoing servers that send for it), DKIM (each
 * active key) and DMARC. Each finding says what to publish to fix it; a question the DNS does not answer in time
 * makes that finding a warning with the reason, never an error. The four are asked at once, so a domain whose name
 * servers do not answer costs one time-out, not four. Reads only: nothing is stored.
 */
@Component
public class DnsCheck implements DisposableBean {

    private final SendingServers sendingServers;
    private final MailDomainSettings settings;
    private final MxCheck mx;
    private final SpfCheck spf;
    private final DkimCheck dkim;
    private final DmarcCheck dmarc;
    private final ExecutorService questions = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "dns-check");
        thread.setDaemon(true);
        return thread;
    });

    DnsCheck(
            SendingServers sendingServers,
            MailDomainSettings settings,
            DnsResolver dns,
            SpfEvaluator evaluator,
            DkimKeys keys) {
        this.sendingServers = sendingServers;
        this.settings = settings;
        this.mx = new MxCheck(dns);
        this.spf = new SpfCheck(dns, evaluator);
        this.dkim = new DkimCheck(dns, keys);
        this.dmarc = new DmarcCheck(dns);
    }

    /**
     * @param domain the domain to check; null or blank: the alias domain
     * @throws InvalidInputException when the domain is not one, or is not given while no alias domain is set
     */
    public DnsCheckResult check(String domain) {
        String name = domain == null || domain.isBlank()
                ? settings.catchallDomain()
                        .orElseThrow(() -> new InvalidInputException("domain", "no alias domain is set: name a domain"))
                : DomainName.parse(domain, "domain");
        CompletableFuture<List<SendingServer>> servers = ask(() -> sendingServers.of(name));
        CompletableFuture<DnsFinding> mxFinding = ask(() -> mx.check(name));
        CompletableFuture<DnsFinding> spfFinding = servers.thenApplyAsync(found -> spf.check(name, found), questions);
        CompletableFuture<DnsFinding> dkimFinding = ask(() -> dkim.check(name));
        CompletableFuture<DnsFinding> dmarcFinding = ask(() -> dmarc.check(name));
        return new DnsCheckResult(
                name,
                answer(servers),
                answer(mxFinding),
                answer(spfFinding),
                answer(dkimFinding),
                answer(dmarcFinding));
    }

    /** The domains worth checking: the alias domain, then those the active outgoing servers' FROM filters name. */
    public List<String> sendingDomains() {
        return sendingServers.domains();
    }

    /** The answer; a bug or a broken database inside a question is thrown as itself, not wrapped. */
    private static <T> T answer(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private <T> CompletableFuture<T> ask(Supplier<T> question) {
        return CompletableFuture.supplyAsync(question, questions);
    }

    @Override
    public void destroy() {
        questions.shutdownNow();
    }
}
