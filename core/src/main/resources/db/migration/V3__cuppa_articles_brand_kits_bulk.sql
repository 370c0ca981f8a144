-- Articles, team brand kits and Cuppa's bulk image requests. Portable SQL: H2 and PostgreSQL.
-- JSON documents are TEXT written by the application (as in V1).

-- A small team-owned resource: what Cuppa's bulk endpoint turns into featured images.
CREATE TABLE articles (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id       VARCHAR(36)  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    title         VARCHAR(200) NOT NULL,
    summary       TEXT,
    keywords_json TEXT         NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_articles_team_created ON articles (team_id, created_at);

-- One brand kit per team: colours ([{hex, name}]) and style words (["minimal", ...]).
CREATE TABLE brand_kits (
    team_id          VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    colors_json      TEXT        NOT NULL,
    style_words_json TEXT        NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A Cuppa bulk request; its status is aggregated from its generations, so only the cancel is stored.
CREATE TABLE cuppa_bulk_requests (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id          VARCHAR(36)  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    model            VARCHAR(200) NOT NULL,
    requested_model  VARCHAR(200) NOT NULL,
    use_brand_colors BOOLEAN      NOT NULL,
    prompt_template  TEXT,
    total_articles   INTEGER      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    canceled_at      TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_cuppa_bulk_requests_team ON cuppa_bulk_requests (team_id, created_at);

-- Article -> generation of a bulk request. No foreign key to generations or articles: either may be
-- deleted later and the request still reports what became of each article.
CREATE TABLE cuppa_bulk_items (
    request_id    VARCHAR(36) NOT NULL REFERENCES cuppa_bulk_requests (id) ON DELETE CASCADE,
    item_index    INTEGER     NOT NULL,
    article_id    VARCHAR(36) NOT NULL,
    generation_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (request_id, article_id)
);
