package com.perfectwork.mail.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar delivering through a real Postfix: what Postfix put in the followers' Maildirs. */
class PostfixPeerIT {

    @TempDir
    Path dir;

    @Test
    void aCommentReachesEachFollowersMaildirThroughPostfix() throws Exception {
        InstalledPeers.assume("postfix", "postconf", "postmap");
        try (PrivatePostfix postfix = PrivatePostfix.start(dir.resolve("postfix"), List.of("ann", "bob"));
                ServerProcess server = new ServerProcess(
                                dir.resolve("server"), List.of(), List.of("PERFECTWORK_ADMIN_PASSWORD=postfix-peer"))
                        .heap("256m")) {
            java.nio.file.Files.createDirectories(dir.resolve("server"));
            server.start();
            ApiClient api = ApiClient.basic(server.port(), "admin", "postfix-peer");
            api.put("/api/config-parameters/mail.catchall.domain", Map.of("value", "mycompany.example"));
            api.post(
                    "/api/mail-servers",
                    Map.of("name", "Postfix", "host", "127.0.0.1", "port", postfix.port(), "encryption", "none"));
            long record = api.post("/api/records", Map.of("model", "helpdesk.ticket", "name", "Printer"))
                    .id();
            for (String follower : List.of("ann", "bob")) {
                api.post(
                        "/api/records/" + record + "/followers",
                        Map.of("name", follower, "email", follower + "@" + PrivatePostfix.FOLLOWERS_DOMAIN));
            }
            api.post("/api/records/" + record + "/messages", Map.of("body", "<p>The toner is on its way</p>"));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> {
                        assertThat(postfix.mails("ann")).as(postfix.logText()).hasSize(1);
                        assertThat(postfix.mails("bob")).as(postfix.logText()).hasSize(1);
                    });
            for (String follower : List.of("ann", "bob")) {
                String mail = postfix.mails(follower).get(0);
                assertThat(mail).contains("The toner is on its way").contains("Message-ID:");
                assertThat(mail).containsPattern("Received: from .*127\\.0\\.0\\.1");
            }
        }
    }
}
