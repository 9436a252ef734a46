package org.rowmq.jndi;

import javax.naming.NamingEnumeration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A {@link NamingEnumeration} over a list computed up front (the tree never changes, so nothing can go stale). */
final class NamingEnumerations {
    private NamingEnumerations() {
    }

    static <T> NamingEnumeration<T> of(List<T> items) {
        Iterator<T> iterator = List.copyOf(items).iterator();
        return new NamingEnumeration<>() {
            @Override
            public T next() {
                return nextElement();
            }

            @Override
            public boolean hasMore() {
                return iterator.hasNext();
            }

            @Override
            public void close() {
                // Nothing is held open.
            }

            @Override
            public boolean hasMoreElements() {
                return iterator.hasNext();
            }

            @Override
            public T nextElement() {
                if (!iterator.hasNext()) throw new NoSuchElementException("no more names");
                return iterator.next();
            }
        };
    }
}
