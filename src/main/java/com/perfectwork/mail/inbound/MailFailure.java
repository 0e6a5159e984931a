package com.perfectwork.mail.inbound;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Why a received mail could not be processed, as the inbound log keeps it: a reason an administrator reads (the
 * failure's name, the step it broke, what it says) and the stack trace. Any {@link Throwable} is a mail's failure
 * here, {@link Error}s included: a stack overflowed by a mail's nesting, or a heap exhausted by one mail, is that
 * mail's failure, not the server's, and by the time it is written the stack of the failed step is unwound.
 */
record MailFailure(String reason, String detail) {

    /** The step a failure broke when it is not named: everything after parsing. */
    static final String ROUTING = "routing and posting";

    static MailFailure of(Throwable failure) {
        Throwable cause = failure instanceof InStep && failure.getCause() != null ? failure.getCause() : failure;
        String step = failure instanceof InStep inStep ? inStep.step : ROUTING;
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        Throwable shown = named(cause);
        return new MailFailure(
                shown.getClass().getSimpleName() + " while " + step + ": " + words(shown), trace.toString());
    }

    /**
     * The failure to name: the stack overflow or exhausted heap behind it, when a library met one and said so in
     * words of its own ("Cannot load interface … as ServiceLoader"); else the failure itself.
     */
    private static Throwable named(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof VirtualMachineError) {
                return t;
            }
        }
        return failure;
    }

    private static String words(Throwable failure) {
        String message = failure.getMessage() == null || failure.getMessage().isBlank() ? null : failure.getMessage();
        if (failure instanceof StackOverflowError) {
            return "the mail is nested too deeply, or too long, to be processed";
        }
        if (failure instanceof OutOfMemoryError) {
            return "the mail needs more memory than the server has" + (message == null ? "" : " (" + message + ")");
        }
        return message == null ? "no further detail" : message;
    }

    /** A failure of one named step of the processing ("parsing"), so that its reason says where the mail broke. */
    static final class InStep extends RuntimeException {

        private final String step;

        InStep(String step, Throwable cause) {
            super(step + ": " + cause, cause);
            this.step = step;
        }
    }
}
