package com.perfectwork.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The seed corpus of the fuzz tests ({@code *FuzzTest}): every raw mail of the test fixtures
 * ({@code src/test/resources/mail/**}), as its bytes, named by its path. In a regression run ({@code mvn verify})
 * each fuzz test reads each of them; while fuzzing ({@code mvn -Pfuzz verify}) Jazzer mutates them.
 */
public final class FuzzSeeds {

    private FuzzSeeds() {}

    /** Every fixture mail. */
    public static Stream<Arguments> mails() {
        return under("");
    }

    /** The bounces and their look-alikes. */
    public static Stream<Arguments> bounces() {
        return under("bounces");
    }

    /** The replies, in the shapes of the mail clients. */
    public static Stream<Arguments> replies() {
        return under("replies");
    }

    private static Stream<Arguments> under(String area) {
        try {
            Path root = Path.of(FuzzSeeds.class.getResource("/mail").toURI());
            try (Stream<Path> files = Files.walk(root.resolve(area))) {
                return files
                        .filter(file -> file.toString().endsWith(".eml"))
                        .sorted()
                        .map(file -> Arguments.of(Named.of(root.relativize(file).toString(), read(file))))
                        .toList()
                        .stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
