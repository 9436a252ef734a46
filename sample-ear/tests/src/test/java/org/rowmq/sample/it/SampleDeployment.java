package org.rowmq.sample.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;

/** The EAR the build made (sample-ear/app), deployed as is. */
final class SampleDeployment {

    private SampleDeployment() {
    }

    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("sample.ear", "../app/target/rowmq-sample.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException(ear + " does not exist: build it first (mvn -pl sample-ear/tests -am verify)");
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
