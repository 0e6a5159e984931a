package com.perfectwork.mail;

/** The MIME shapes of mail written to hurt a parser, built by the tests that send them. */
public final class HostileMail {

    private HostileMail() {}

    /**
     * Content headers that open {@code levels} multiparts, each the only part of the one around it, ending with the
     * headers of a text part: the headers of a mail whose body follows.
     */
    public static String nested(int levels) {
        StringBuilder nested = new StringBuilder();
        for (int level = 0; level < levels; level++) {
            nested.append("Content-Type: multipart/mixed; boundary=\"level")
                    .append(level)
                    .append("\"\r\n\r\n--level")
                    .append(level)
                    .append("\r\n");
        }
        return nested + "Content-Type: text/plain";
    }

    /** The body of a {@code multipart/mixed; boundary="p"}: a text, then {@code files} attached files. */
    public static String parts(int files) {
        StringBuilder parts = new StringBuilder("--p\r\nContent-Type: text/plain\r\n\r\nSee the files.\r\n");
        for (int i = 0; i < files; i++) {
            parts.append("--p\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; ")
                    .append("filename=\"file")
                    .append(i)
                    .append(".bin\"\r\n\r\nx\r\n");
        }
        return parts + "--p--";
    }
}
