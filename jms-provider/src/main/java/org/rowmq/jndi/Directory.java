package org.rowmq.jndi;

import javax.naming.NamingException;
import java.util.Map;

/** One level of the JNDI tree: either names bound from properties or a source of destinations created on lookup. */
sealed interface Directory permits StaticDirectory, DynamicDestinations {

    /** What is bound under one name component: an object, another {@link Directory}, or null when nothing is. */
    Object get(String component) throws NamingException;

    /** The names listed by {@code list}/{@code listBindings}, in a stable order. */
    Map<String, Object> entries();
}
