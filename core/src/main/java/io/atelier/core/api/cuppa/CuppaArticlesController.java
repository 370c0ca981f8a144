package io.atelier.core.api.cuppa;

import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.article.Article;
import io.atelier.core.article.ArticleDraft;
import io.atelier.core.article.ArticleService;
import io.atelier.core.common.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Articles in Cuppa's style (Atelier's addition: the document's bulk endpoint takes article ids):
 * {@code POST/GET /v1/articles}, {@code GET/DELETE /v1/articles/{id}}, snake_case fields, Cuppa's
 * error shape. Another team's article is 404.
 */
@RestController
@RequestMapping("/v1/articles")
class CuppaArticlesController {

    static final int DEFAULT_LIMIT = 20;

    private final ArticleService articles;

    CuppaArticlesController(ArticleService articles) {
        this.articles = articles;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(Caller caller, @RequestBody(required = false) JsonNode body) {
        JsonBody json = JsonBody.of(body);
        String title = json.requiredString("title");
        String summary = json.string("summary").orElse(null);
        List<String> keywords = CuppaRequests.stringArray(body, "keywords", ArticleDraft.MAX_KEYWORDS).orElse(List.of());
        return view(articles.create(caller, new ArticleDraft(title, summary, keywords)));
    }

    /** The team's articles, newest first: {@code limit} 1–100 (default 20), {@code offset} from 0. */
    @GetMapping
    List<Map<String, Object>> list(Caller caller, @RequestParam(required = false) String limit,
                                   @RequestParam(required = false) String offset) {
        int size = CuppaRequests.intParam("limit", limit, DEFAULT_LIMIT, 1, ArticleService.MAX_PAGE_SIZE);
        int skip = CuppaRequests.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        return articles.list(caller, size, skip).stream().map(CuppaArticlesController::view).toList();
    }

    @GetMapping("/{id}")
    Map<String, Object> get(Caller caller, @PathVariable String id) {
        return view(articles.get(caller, id));
    }

    @DeleteMapping("/{id}")
    Map<String, Object> delete(Caller caller, @PathVariable String id) {
        articles.delete(caller, id);
        return Map.of("success", true);
    }

    static Map<String, Object> view(Article article) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", article.id());
        out.put("title", article.title());
        out.put("summary", article.summary());
        out.put("keywords", article.keywords());
        out.put("created_at", Timestamps.iso(article.createdAt()));
        return out;
    }
}
