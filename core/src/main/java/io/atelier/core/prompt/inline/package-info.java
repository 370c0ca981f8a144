package io.atelier.core.prompt.inline;
