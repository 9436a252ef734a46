package org.rowmq.sample;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

/**
 * The failures a user can inject from the page or the REST API. Held in memory: a restart clears them.
 * <ul>
 * <li>{@code paymentThrows}: the payment bean throws after writing the payment row, every time, until switched off;
 * its deliveries roll back, come back with a higher delivery count, and end in the dead-letter queue.</li>
 * <li>{@code databaseRefuses}: the payments database rejects the payment row (a NOT NULL violation), with the same
 * consequences, but the failure comes from the database.</li>
 * <li>{@code inventoryKills}: the next so many inventory deliveries die midway, after taking stock and writing the
 * reservation but before announcing it; the transaction undoes both and the redelivery does the work once.</li>
 * </ul>
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Faults {

    /** What is switched on now. */
    public record Settings(boolean paymentThrows, boolean databaseRefuses, int inventoryKills) {
    }

    static final int MAX_KILLS = 100;

    private boolean paymentThrows;
    private boolean databaseRefuses;
    private int inventoryKills;

    public synchronized Settings settings() {
        return new Settings(paymentThrows, databaseRefuses, inventoryKills);
    }

    public synchronized void change(Settings s) {
        if (s.inventoryKills() < 0 || s.inventoryKills() > MAX_KILLS) {
            throw new InvalidRequest("inventoryKills must be between 0 and " + MAX_KILLS + ", was " + s.inventoryKills());
        }
        paymentThrows = s.paymentThrows();
        databaseRefuses = s.databaseRefuses();
        inventoryKills = s.inventoryKills();
    }

    public synchronized boolean paymentThrows() {
        return paymentThrows;
    }

    public synchronized boolean databaseRefuses() {
        return databaseRefuses;
    }

    /** True, once per kill left, for the inventory step that should die now. */
    public synchronized boolean takeInventoryKill() {
        if (inventoryKills == 0) {
            return false;
        }
        inventoryKills--;
        return true;
    }
}
