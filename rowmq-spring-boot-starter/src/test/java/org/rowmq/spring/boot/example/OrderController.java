package org.rowmq.spring.boot.example;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order endpoint over HTTP: {@code POST /orders/{id}?amount=N} places an order (201), or answers 402 when the
 * payment is refused, in which case neither the order's row nor its message exists. {@code GET /orders/{id}} gives
 * its status.
 */
@RestController
public class OrderController {
    private final OrderService orders;

    public OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping("/orders/{id}")
    public ResponseEntity<String> place(@PathVariable("id") String id, @RequestParam("amount") int amount) {
        orders.place(id, amount);
        return ResponseEntity.status(HttpStatus.CREATED).body(id);
    }

    @GetMapping("/orders/{id}")
    public ResponseEntity<String> status(@PathVariable("id") String id) {
        String status = orders.status(id);
        return status == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(status);
    }

    @ExceptionHandler(PaymentRefusedException.class)
    public ResponseEntity<String> refused(PaymentRefusedException e) {
        return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(e.getMessage());
    }
}
