package io.atelier.core.api;

import java.util.EnumSet;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.Session;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * What the embedded Tomcat must do whatever the configuration says (runs after Spring Boot's own
 * customizer, so {@code server.*} properties cannot undo it):
 * <ul>
 *   <li>sessions travel in a cookie only: no {@code ;jsessionid=} is read from URLs or written into
 *       links and redirects (session fixation through a link, login CSRF);</li>
 *   <li>the session cookie is {@code HttpOnly} and {@code SameSite=Lax}; Tomcat adds {@code Secure}
 *       when the request came over HTTPS (behind a proxy, set {@code server.forward-headers-strategy}
 *       so that it knows);</li>
 *   <li>redirects are relative ({@code Location: /moderation}): the client's {@code Host} header
 *       never ends up in a redirect;</li>
 *   <li>the container's own error pages (a request Tomcat refuses before the application sees it:
 *       an encoded {@code /} or a NUL in the path, a bad request line) are JSON in the path's
 *       dialect ({@link JsonErrorReportValve}), not Tomcat's HTML page.</li>
 * </ul>
 */
@Component
class WebServerHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Session session = factory.getSettings().getSession();
        session.setTrackingModes(EnumSet.of(Session.SessionTrackingMode.COOKIE));
        session.getCookie().setHttpOnly(true);
        session.getCookie().setSameSite(Cookie.SameSite.LAX);
        factory.addContextCustomizers(context -> {
            context.setUseRelativeRedirects(true);
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                host.getPipeline().addValve(new JsonErrorReportValve());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
