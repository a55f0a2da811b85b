import Rhizome
print((try? O200kTokenizer())?.name ?? "")
