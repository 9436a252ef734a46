package org.rowmq.spring.boot;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/** Starts a Boot application as {@code SpringApplication.run} does, with the given properties. */
final class BootApps {
    private BootApps() {
    }

    static ConfigurableApplicationContext run(Class<?> application, List<String> properties) {
        List<String> all = new ArrayList<>(properties);
        all.add("spring.main.banner-mode=off");
        return new SpringApplicationBuilder(application).properties(all.toArray(String[]::new)).run();
    }

    static ConfigurableApplicationContext run(Class<?> application, String... properties) {
        return run(application, List.of(properties));
    }
}
