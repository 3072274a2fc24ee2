def parse_projects(doc, out):
    return []
