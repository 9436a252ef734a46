package org.rowmq.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void eachWorkloadWithItsProducersApartIsItsOneJvmTwinsLoad() {
        for (Workload apart : Workload.ALL.stream().filter(Workload::separateJvm).toList()) {
            Workload twin = apart.oneJvm();
            assertFalse(twin.separateJvm(), apart.id());
            assertEquals(new Workload(apart.id(), apart.title(), twin.producers(), twin.consumers(),
                    twin.transaction(), twin.topic(), twin.bodyBytes(), twin.fixedRate(), true), apart);
        }
        assertEquals(Workload.FOUR, Workload.byId("4x4-apart").oneJvm());
    }

    @Test
    void theLatencyRunComesLastForItNeedsTheThroughputRunsRate() {
        assertEquals(Workload.LATENCY, Workload.ALL.get(Workload.ALL.size() - 1));
    }
}
