package org.rowmq.ra.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Test applications as users build them: jakarta.jms made visible (the server has no messaging subsystem). */
final class Archives {
    private Archives() {
    }

    static WebArchive war(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClass(Inbox.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: jakarta.jms.api\n"));
    }
}
