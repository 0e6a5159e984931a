package com.perfectwork.mail.routing;

import java.util.List;

/**
 * The Message-ID an answer about a mail loop carries in its References. A reply to that answer (an auto-responder
 * answering it) names the marker among its ancestors and is ignored, which ends the loop.
 */
public final class LoopMarker {

    private LoopMarker() {}

    public static String of(String domain) {
        return "<loop-detection-bounce-email@" + domain + ">";
    }

    static boolean isAmong(List<String> ancestors, String domain) {
        return ancestors.stream().anyMatch(id -> id.equalsIgnoreCase(of(domain)));
    }
}
