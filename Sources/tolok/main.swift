print("tolok")
