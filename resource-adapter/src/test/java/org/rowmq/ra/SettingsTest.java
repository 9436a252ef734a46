package org.rowmq.ra;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void aConnectionDefinitionOverridesOnlyWhatItSets() {
        Settings adapter = new Settings("jdbc:h2:mem:a", "sa", "pw", 10, 5, 2, 10, null, "/etc/rowmq/adapter.properties");
        Settings definition = new Settings(null, null, null, 3, null, null, null, "java:/jdbc/App", null);
        assertEquals(new Settings("jdbc:h2:mem:a", "sa", "pw", 3, 5, 2, 10, "java:/jdbc/App",
                "/etc/rowmq/adapter.properties"), definition.over(adapter));
        Settings secured = new Settings(null, null, null, null, null, null, null, null, "/etc/rowmq/definition.properties");
        assertEquals("/etc/rowmq/definition.properties", secured.over(adapter).securityFile());
    }

    @Test
    void theStoreIsOnTheDatasourceOnlyWhenNoLevelNamesAUrl() {
        Settings adapter = new Settings("jdbc:h2:mem:a", "sa", "pw", null, null, null, null, null, null);
        Settings dataSourceOnly = new Settings(null, null, null, null, null, null, null, "java:/jdbc/App", null);
        assertFalse(dataSourceOnly.over(adapter).storeOnDataSource(), "the adapter's URL keeps RowMQ's own pool");
        assertTrue(dataSourceOnly.over(Settings.NONE).storeOnDataSource());
        assertFalse(Settings.NONE.storeOnDataSource(), "neither: the embedded default");
    }

    @Test
    void thePasswordStaysOutOfTheLog() {
        assertFalse(new Settings("jdbc:h2:mem:a", "sa", "secret", null, null, null, null, null, null).toString()
                .contains("secret"));
    }

    @Test
    void anUnreadableSecurityFileIsRefusedWithItsName() {
        Settings s = new Settings("jdbc:h2:mem:security-file", null, null, null, null, null, null, null,
                "target/no-such-rowmq-security.properties");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::newFactory);
        assertTrue(e.getMessage().contains("securityFile target/no-such-rowmq-security.properties"), e.getMessage());
    }

    @Test
    void badNumbersAreRefusedWithTheirName() {
        Configurable c = new RowResourceAdapter();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.setPoolSize(0));
        assertEquals("RowMQ's poolSize must be at least 1, was 0", e.getMessage());
    }
}
