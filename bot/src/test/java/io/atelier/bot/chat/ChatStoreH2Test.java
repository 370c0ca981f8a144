package io.atelier.bot.chat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The chat tables on H2 (the embedded default), core's migrations plus V7. */
class ChatStoreH2Test extends ChatStoreTestSupport {

    static DataSource ds;

    @BeforeAll
    static void migrate() {
        ds = new DriverManagerDataSource("jdbc:h2:mem:chat-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    @Override
    DataSource dataSource() {
        return ds;
    }
}
