package org.rowmq.appconn;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The JPA test's business row. */
@Entity
@Table(name = "ac_jpa_order")
public class AppOrder {
    @Id
    private String id;
    private String note;

    protected AppOrder() {
    }

    AppOrder(String id, String note) {
        this.id = id;
        this.note = note;
    }

    public String id() {
        return id;
    }

    public String note() {
        return note;
    }
}
