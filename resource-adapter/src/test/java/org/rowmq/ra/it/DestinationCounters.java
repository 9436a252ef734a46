package org.rowmq.ra.it;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * A destination's counters from RowMQ's JMX MBeans in the server ({@code org.rowmq:type=Destination}), summed over
 * the stores that opened it. A browser cannot tell a consumed message from one claimed but never acknowledged (both
 * are invisible); the acknowledged counter counts the rows deleted by a committed acknowledgement.
 */
final class DestinationCounters {
    private final ObjectName pattern;

    DestinationCounters(String destination) throws JMException {
        pattern = new ObjectName("org.rowmq:type=Destination,name=" + ObjectName.quote(destination) + ",*");
    }

    long get(String counter) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(pattern, null);
        long sum = 0;
        for (ObjectName name : names) sum += (Long) server.getAttribute(name, counter);
        return sum;
    }

    /** The counter once it satisfies {@code until}, or its value at the deadline (60 s, not a speed assertion). */
    long await(String counter, LongPredicate until) throws JMException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long value = get(counter);
        while (!until.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = get(counter);
        }
        return value;
    }
}
