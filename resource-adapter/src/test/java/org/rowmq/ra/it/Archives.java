package org.rowmq.ra.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test applications as users build them: nothing about JMS declared (the rowmq subsystem makes jakarta.jms visible and
 * binds the EE default factory), only CDI switched on for the test classes.
 */
final class Archives {
    private Archives() {
    }

    static WebArchive war(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClass(Inbox.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}
