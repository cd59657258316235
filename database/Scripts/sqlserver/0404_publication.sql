-- The paper a figure was printed in. The same month's figures differ between the directorate's Finance &
-- Performance Report and the council-wide Integrated Resources and Performance Report (seeds-inventory GC02,
-- GC16), so facts that both print carry the publication as a dimension rather than one "true" value.
CREATE TABLE dw.dim_publication (
    publication_key   smallint     NOT NULL PRIMARY KEY,
    publication_code  nvarchar(10)  NOT NULL UNIQUE,
    publication_name  nvarchar(100) NOT NULL
);
