package com.perfectwork.mail.bench;

import java.lang.management.ManagementFactory;

/** The machine a benchmark ran on, as its table prints it: figures count only against figures of the same one. */
public final class Machine {

    private Machine() {}

    /** "2 cores, 24105 MiB memory". */
    public static String describe() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Runtime.getRuntime().availableProcessors() + " cores, " + (memory >> 20) + " MiB memory";
    }
}
