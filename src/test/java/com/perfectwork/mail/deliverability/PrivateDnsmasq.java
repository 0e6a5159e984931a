package com.perfectwork.mail.deliverability;

import static org.awaitility.Awaitility.await;

import com.perfectwork.mail.peers.InstalledPeers;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real DNS server for tests: Debian's dnsmasq on 127.0.0.1 and a port of the test's choosing, answering the
 * records the test writes, from them alone ({@code local=/test/}: any other name under {@code .test} does not exist).
 * {@link #silentFor} sends a domain's questions to a UDP socket that reads them and never answers.
 */
public final class PrivateDnsmasq implements AutoCloseable {

    private final List<String> lines = new ArrayList<>(List.of("local=/test/", "txt-record=ready.test,\"ready\""));
    private final List<DatagramSocket> silent = new ArrayList<>();
    private final InetSocketAddress address;
    private Process process;

    public PrivateDnsmasq(InetSocketAddress address) {
        this.address = address;
    }

    /** On the address of the first server of {@code perfectwork.dns.servers} ({@code host:port}). */
    public static PrivateDnsmasq on(DnsSettings settings) {
        String[] server = settings.servers().get(0).split(":");
        return new PrivateDnsmasq(new InetSocketAddress(server[0], Integer.parseInt(server[1])));
    }

    /** A TXT record; strings over 255 characters are split, as a zone file holds them. */
    public PrivateDnsmasq txt(String name, String value) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            strings.add("\"" + value.substring(i, Math.min(value.length(), i + 255)) + "\"");
        }
        lines.add("txt-record=" + name + "," + String.join(",", strings));
        return this;
    }

    public PrivateDnsmasq mx(String name, String host, int preference) {
        lines.add("mx-host=" + name + "," + host + "," + preference);
        return this;
    }

    /** A and (when given) AAAA records of a host. */
    public PrivateDnsmasq host(String name, String... addresses) {
        lines.add("host-record=" + name + "," + String.join(",", addresses));
        return this;
    }

    /** The domain's questions go to a server that never answers. */
    public PrivateDnsmasq silentFor(String domain) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        silent.add(socket);
        Thread reader = new Thread(() -> drop(socket), "silent-dns");
        reader.setDaemon(true);
        reader.start();
        lines.add("server=/" + domain + "/127.0.0.1#" + socket.getLocalPort());
        return this;
    }

    public PrivateDnsmasq start(Path directory) throws IOException {
        InstalledPeers.assume("dnsmasq");
        Files.createDirectories(directory);
        Path config = directory.resolve("dnsmasq.conf");
        Files.write(config, lines, StandardCharsets.UTF_8);
        process = new ProcessBuilder(
                        InstalledPeers.find("dnsmasq").toString(),
                        "--keep-in-foreground",
                        "--conf-file=" + config,
                        "--listen-address=" + address.getAddress().getHostAddress(),
                        "--port=" + address.getPort(),
                        "--bind-interfaces",
                        "--no-resolv",
                        "--no-hosts",
                        "--pid-file=",
                        "--log-facility=-",
                        "--log-queries")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("dnsmasq.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "dnsmasq ended: " + Files.readString(directory.resolve("dnsmasq.log")));
                    }
                    return answers();
                });
        return this;
    }

    private boolean answers() {
        try {
            SimpleResolver resolver = new SimpleResolver(address);
            resolver.setTimeout(Duration.ofMillis(200));
            Message answer = resolver.send(
                    Message.newQuery(Record.newRecord(Name.fromString("ready.test."), Type.TXT, DClass.IN)));
            return answer.getRcode() == Rcode.NOERROR;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drop(DatagramSocket socket) {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        silent.forEach(DatagramSocket::close);
    }
}
