package com.perfectwork.mail.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.settings.DeploymentSettings;
import com.perfectwork.mail.settings.HostingMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep of the filestore on a directory of its own: what goes, what stays, and where it stops. */
class OrphanFilesTest {

    @TempDir
    Path dataDir;

    @Test
    void anOldFileNoModuleRefersToGoesAndTheOthersStay() throws IOException {
        Filestore store = store();
        String orphan = stored(store, "orphan", Duration.ofDays(2));
        String referenced = stored(store, "referenced", Duration.ofDays(2));
        String young = stored(store, "young", Duration.ofHours(1));
        Path partial =
                Files.writeString(Files.createDirectories(store.partials()).resolve("upload-1.part"), "half");
        age(partial, Duration.ofDays(2));
        Path stranger = Files.writeString(store.root().resolve("README"), "not a content");
        age(stranger, Duration.ofDays(2));

        OrphanFiles.Swept swept = new OrphanFiles(store, List.of(hashes -> held(hashes, referenced)), Clock.systemUTC())
                .collect(Instant.now().plusSeconds(60));

        assertThat(swept).isEqualTo(new OrphanFiles.Swept(2, "orphan".length() + "half".length(), true));
        assertThat(store.file(orphan)).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(store.file(referenced)).exists();
        assertThat(store.file(young)).as("written less than a day ago").exists();
        assertThat(stranger).as("not a content of the store").exists();
    }

    @Test
    void eachModuleIsAskedAndOneThatHoldsAFileKeepsIt() throws IOException {
        Filestore store = store();
        String attachment = stored(store, "attachment", Duration.ofDays(3));
        String rawMail = stored(store, "raw mail", Duration.ofDays(3));

        OrphanFiles.Swept swept = new OrphanFiles(
                        store,
                        List.of(hashes -> held(hashes, attachment), hashes -> held(hashes, rawMail)),
                        Clock.systemUTC())
                .collect(Instant.now().plusSeconds(60));

        assertThat(swept.files()).isZero();
        assertThat(store.file(attachment)).exists();
        assertThat(store.file(rawMail)).exists();
    }

    @Test
    void storingAContentAgainMakesItYoung() throws IOException {
        Filestore store = store();
        String again = stored(store, "stored again", Duration.ofDays(2));
        store.store(new ByteArrayInputStream("stored again".getBytes(StandardCharsets.UTF_8)));

        new OrphanFiles(store, List.of(hashes -> Set.of()), Clock.systemUTC())
                .collect(Instant.now().plusSeconds(60));

        assertThat(store.file(again)).exists();
    }

    @Test
    void aSweepStopsAtItsDeadlineAndSaysSo() throws IOException {
        Filestore store = store();
        String orphan = stored(store, "late", Duration.ofDays(2));
        Clock late = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);

        OrphanFiles.Swept swept = new OrphanFiles(store, List.of(hashes -> Set.of()), late).collect(Instant.now());

        assertThat(swept.finished()).isFalse();
        assertThat(store.file(orphan)).exists();
    }

    @Test
    void withoutAnyModuleDeclaringItsFilesNothingIsDeleted() throws IOException {
        Filestore store = store();
        String file = stored(store, "unknown", Duration.ofDays(2));

        assertThatThrownBy(() -> new OrphanFiles(store, List.of(), Clock.systemUTC()).collect(Instant.now()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.file(file)).exists();
    }

    private Filestore store() {
        return new Filestore(new DeploymentSettings(dataDir, HostingMode.ON_PREMISE, "http://localhost:8069"));
    }

    private static String stored(Filestore store, String content, Duration age) throws IOException {
        String hash = store.store(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        age(store.file(hash), age);
        return hash;
    }

    private static void age(Path file, Duration age) throws IOException {
        Files.setLastModifiedTime(
                file, FileTime.from(Files.getLastModifiedTime(file).toInstant().minus(age)));
    }

    private static Set<String> held(Collection<String> hashes, String hash) {
        return hashes.stream().filter(hash::equals).collect(Collectors.toSet());
    }
}
