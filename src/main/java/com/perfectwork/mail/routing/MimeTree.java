package com.perfectwork.mail.routing;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a mail, walked in document order: its HTML and plain-text bodies (the first of each that is no
 * attachment) and its other parts. The walk keeps its own stack instead of recursing, so that no structure can
 * overflow the thread's, and it stops where a mail stops being one a person wrote: beyond {@link #MAX_DEPTH} levels
 * of multiparts the mail is refused ({@link MimeStructureException}: it fails, its raw bytes kept), and beyond
 * {@link #MAX_PARTS} parts the rest is left out, with a note saying so.
 */
final class MimeTree {

    /** Levels of multiparts within multiparts: mail clients nest three or four (mixed, related, alternative). */
    static final int MAX_DEPTH = 50;
    /** Parts of all levels together; the rest is not read. */
    static final int MAX_PARTS = 1000;

    private MimeTree() {}

    /** What the walk found. */
    static final class Bodies {
        BodyText.Read html;
        BodyText.Read text;
        final List<ParsedMail.Part> attachments = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
    }

    private record Node(Part part, int depth) {}

    static Bodies walk(Part message) throws MessagingException, IOException {
        Bodies bodies = new Bodies();
        BoundedMultipart.Budget budget = new BoundedMultipart.Budget(MAX_PARTS);
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(new Node(message, 0));
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node.part().isMimeType("multipart/*")) {
                if (node.depth() >= MAX_DEPTH) {
                    throw new MimeStructureException("MIME structure nested deeper than " + MAX_DEPTH + " levels");
                }
                Multipart multipart =
                        new BoundedMultipart(node.part().getDataHandler().getDataSource(), budget);
                int count;
                try {
                    count = multipart.getCount();
                } catch (ParseException noBoundary) {
                    // a multipart whose boundary never appears (mail servers write such bounces): its text is read
                    bodies.notes.add("a multipart whose parts cannot be told apart (" + noBoundary.getMessage()
                            + "): read as one text");
                    leaf(node.part(), bodies, "text/plain");
                    continue;
                }
                // pushed last to first, so that they are taken first to last
                for (int i = count - 1; i >= 0; i--) {
                    pending.push(new Node(multipart.getBodyPart(i), node.depth() + 1));
                }
            } else {
                leaf(node.part(), bodies, node.part().getContentType());
            }
        }
        if (budget.exceeded()) {
            bodies.notes.add(
                    "more than " + MAX_PARTS + " MIME parts: the parts after the " + MAX_PARTS + "th were not read");
        }
        return bodies;
    }

    private static void leaf(Part part, Bodies bodies, String contentType) throws MessagingException, IOException {
        String type = contentType == null ? "text/plain" : contentType.toLowerCase(Locale.ROOT);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (!attachment && type.startsWith("text/html") && bodies.html == null) {
            bodies.html = BodyText.read(part);
            whole(part, bodies.html, "message.html", "text/html", bodies);
        } else if (!attachment && type.startsWith("text/plain") && bodies.text == null) {
            bodies.text = BodyText.read(part);
            whole(part, bodies.text, "message.txt", "text/plain", bodies);
        } else {
            bodies.attachments.add(
                    new ParsedMail.Part(fileName(part), baseType(type), BodyText.decoded(part), contentId(part)));
        }
    }

    /** A body cut at {@link BodyText#LIMIT} is also kept whole, as an attachment: nothing of it is lost. */
    private static void whole(Part part, BodyText.Read body, String name, String type, Bodies bodies)
            throws MessagingException {
        if (body.cut()) {
            bodies.attachments.add(new ParsedMail.Part(name, type, BodyText.decoded(part), null));
            bodies.notes.add("a body longer than " + BodyText.LIMIT / (1024 * 1024) + " MB: its first "
                    + BodyText.LIMIT / (1024 * 1024) + " MB shown, the whole of it attached as " + name);
        }
    }

    private static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return "attachment";
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (IOException e) {
            return name;
        }
    }

    private static String contentId(Part part) throws MessagingException {
        String[] values = part.getHeader("Content-ID");
        if (values == null || values.length == 0) {
            return null;
        }
        String id = values[0].strip();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    private static String baseType(String type) {
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    }
}
