package com.perfectwork.mail.deliverability;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address arithmetic of SPF: literals read without any DNS query, and prefix matching (RFC 7208 §5.6). */
final class SpfAddresses {

    private SpfAddresses() {}

    static boolean isIp6Literal(String text) {
        return text.contains(":") && text.matches("[0-9A-Fa-f:.]+") && literal(text) != null;
    }

    /** The address a literal names; null when it is not one. Never queries DNS (literals only). */
    static InetAddress literal(String text) {
        if (!text.matches("[0-9A-Fa-f:.]+") || text.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(text.contains(":") ? text : ipv4Only(text));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String ipv4Only(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not a dotted quad");
        }
        return text;
    }

    /** True when both are of one family and share their first {@code prefix} bits. */
    static boolean within(InetAddress candidate, InetAddress network, int prefix) {
        byte[] a = candidate.getAddress();
        byte[] b = network.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int bits = prefix % 8;
        if (bits == 0) {
            return true;
        }
        int mask = (0xff << (8 - bits)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    static boolean isIp4(InetAddress address) {
        return address instanceof Inet4Address;
    }

    /** The {@code %{i}} macro: dotted quad, or the 32 nibbles of an IPv6 address separated by dots (§7.3). */
    static String macroForm(InetAddress address) {
        if (isIp4(address)) {
            return address.getHostAddress();
        }
        StringBuilder nibbles = new StringBuilder();
        for (byte b : address.getAddress()) {
            nibbles.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.');
            nibbles.append(Character.forDigit(b & 0xf, 16)).append('.');
        }
        return nibbles.substring(0, nibbles.length() - 1);
    }
}
