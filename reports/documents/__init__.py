"""Administrative documents (văn bản hành chính) built from the data: one module per document."""
