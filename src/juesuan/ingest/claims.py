def extract_claims(doc, resolver, out):
    return []
