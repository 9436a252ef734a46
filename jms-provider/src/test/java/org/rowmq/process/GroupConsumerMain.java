package org.rowmq.process;

import jakarta.jms.Session;

/**
 * A child JVM consuming grouped messages with CLIENT_ACKNOWLEDGE until told to stop. For each message it "processes"
 * it (about a millisecond, so that processing intervals are wide enough to overlap if two consumers ever held one
 * group at once) and records {@link GroupProcessing} with the interval, closed before its acknowledgement. Args:
 * queue name, record file.
 */
public final class GroupConsumerMain {
    private GroupConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildConsumer.consumeQueue(args, Session.CLIENT_ACKNOWLEDGE, (m, session, records) -> {
            long start = GroupProcessing.nowMicros();
            Thread.sleep(1);
            long end = GroupProcessing.nowMicros();
            m.acknowledge();
            records.line(GroupProcessing.format(m, start, end));
        });
    }
}
