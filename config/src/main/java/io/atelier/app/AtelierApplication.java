package io.atelier.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The bootable Atelier service: every feature of {@code io.atelier} on one Spring context. */
@SpringBootApplication(scanBasePackages = "io.atelier")
@ConfigurationPropertiesScan("io.atelier")
public class AtelierApplication {

    public static void main(String[] args) {
        SpringApplication.run(AtelierApplication.class, args);
    }
}
