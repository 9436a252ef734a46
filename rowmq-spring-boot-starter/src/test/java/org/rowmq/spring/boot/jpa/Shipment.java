package org.rowmq.spring.boot.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Shipment {
    @Id
    private String id;
    private String status;

    protected Shipment() {
    }

    public Shipment(String id, String status) {
        this.id = id;
        this.status = status;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
