package io.atelier.core.gallery;

import io.atelier.core.common.Ids;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** {@link GalleryServiceContract} on an in-memory H2 database with every migration applied. */
class GalleryServiceTest extends GalleryServiceContract {

    private GalleryFixture fixture;

    @BeforeEach
    void setUp() {
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:gallery-" + Ids.uuid() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        fixture = new GalleryFixture(ds, GalleryFixture.properties(List.of("00000000-0000-4000-8000-000000000001"), 2, 3));
    }

    @Override
    GalleryFixture fixture() {
        return fixture;
    }
}
