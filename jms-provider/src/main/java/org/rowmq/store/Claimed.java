package org.rowmq.store;

import java.util.List;

/**
 * What a claim returned, and where a filtered claim stopped looking: the next claim of the same consumers resumes
 * there, so that matches behind any number of non-matching messages are reached.
 *
 * @param messages claimed, in delivery order
 * @param resume   where to resume looking, or null to start from the head of the queue
 * @param marked   how many of the first messages the claim marked delivered
 */
public record Claimed(List<StoredMessage> messages, BrowsePosition resume, int marked) {
    public Claimed(List<StoredMessage> messages, BrowsePosition resume) {
        this(messages, resume, 0);
    }
}
